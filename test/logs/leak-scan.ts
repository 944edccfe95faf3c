/**
 * The leak scan (issue 8 item 4, "Done when"): after the suite, scripts/test.ts reads every log
 * file the run wrote (TESSERA_TEST_LOG_DIR: in-process servers' logs, CLI servers' log lines) and
 * fails when one holds a credential the tests used or anything shaped like one:
 * - literal values: the demo's passwords, secrets and TOTP secret (src/environment/demo-values.ts),
 *   `secret`/`password`/`value` strings of YAML and JSON fixtures, and the string literals test
 *   sources give to names like `SECRET`, `password`, `totpSecret`, `TESSERA_MASTER_KEY` or to
 *   `secrets: [{ value }]` (YAML written from tests included);
 * - shapes: JWTs (`eyJ….eyJ…`, ID and access tokens, client assertions), Tessera's handles
 *   (`ac1.`, `rt1.`, `ss1.`, `dc1.` + 43 characters: codes, refresh tokens, sessions, device
 *   codes; src/state/handles.ts), PEM private keys, Basic credentials.
 * Values shorter than MIN_LENGTH are left out: 'x' or 'wrong' would match ordinary words.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEMO } from '../../src/environment/demo-values.js';

export const MIN_LENGTH = 8;

/** What the scan looks for: exact values and credential shapes. */
export interface Credentials {
  /** value → where it was found (for the report). */
  values: Map<string, string>;
  shapes: Array<{ name: string; pattern: RegExp }>;
}

export interface Leak {
  file: string;
  line: number;
  /** What matched: the source of the value, or the shape's name (never the value itself). */
  what: string;
}

export const SHAPES: Credentials['shapes'] = [
  { name: 'a JWT', pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/ },
  { name: 'a Tessera handle (code, refresh token, session, device code)', pattern: /\b(?:ac|rt|ss|dc)1\.[A-Za-z0-9_-]{43}/ },
  { name: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'Basic credentials', pattern: /\bBasic [A-Za-z0-9+/]{12,}={0,2}/ },
];

const SECRET_NAME = /secret|password|passwd|totp|master_?key/i;
const SECRET_KEY_IN_DATA = /secret|password|totp/i;
// `name: 'literal'`, `name = "literal"`, `'name': \`literal\``: the name, then the literal.
const ASSIGNED_LITERAL = /([A-Za-z_$][\w$]*)['"]?\s*[:=]\s*(['"`])((?:\\.|(?!\2)[^\\\n])*)\2/g;
const SECRETS_ARRAY = /secrets\s*:\s*\[([^\]]*)\]/g;
const VALUE_LITERAL = /value\s*:\s*(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
// YAML written by a test (a template or an array of lines): `- value: <secret>` under `secrets:`.
const YAML_SECRET_VALUE = /secrets:(?:\\n|\n|['"`,\s])+-\s*value:\s*([^\s'"`,\\]+)/g;

function files(dir: string, keep: (name: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path, keep);
    return keep(name) ? [path] : [];
  });
}

/** Collects the credentials of the repository at `root` (its test/ and the demo). */
export function collectCredentials(root: string): Credentials {
  const values = new Map<string, string>();
  const add = (value: unknown, where: string) => {
    if (typeof value !== 'string' || value.length < MIN_LENGTH || value.includes('${')) return;
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return; // a key id, not a secret
    if (!values.has(value)) values.set(value, where);
  };
  walk(DEMO, (key, value) => SECRET_KEY_IN_DATA.test(key) && add(value, `DEMO.${key}`));

  for (const file of files(join(root, 'test'), (n) => /\.(?:ya?ml|json)$/.test(n))) {
    const text = readFileSync(file, 'utf8');
    let data: unknown;
    try {
      data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch {
      continue;
    }
    const where = relative(root, file);
    walk(data, (key, value, parent) => (SECRET_KEY_IN_DATA.test(key) || (key === 'value' && parent !== undefined && /secret/i.test(parent))) && add(value, where));
  }

  for (const file of files(join(root, 'test'), (n) => /\.(?:ts|mjs|js|py)$/.test(n))) {
    if (file.endsWith('leak-scan.test.ts')) continue; // its planted leaks are not credentials the suite used
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const m of text.matchAll(ASSIGNED_LITERAL)) if (SECRET_NAME.test(m[1] ?? '')) add(m[3], where);
    for (const m of text.matchAll(SECRETS_ARRAY)) for (const v of (m[1] ?? '').matchAll(VALUE_LITERAL)) add(v[2], where);
    for (const m of text.matchAll(YAML_SECRET_VALUE)) add(m[1], where);
  }
  return { values, shapes: SHAPES };
}

/** Calls `visit(key, value, parentKey)` for every property of `data`, depth first. */
function walk(data: unknown, visit: (key: string, value: unknown, parent: string | undefined) => unknown, parent?: string): void {
  if (Array.isArray(data)) for (const item of data) walk(item, visit, parent);
  else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      visit(key, value, parent);
      walk(value, visit, key);
    }
  }
}

/** Every line of every file in `dir` that holds one of `credentials`. */
export function scanLogs(dir: string, credentials: Credentials): Leak[] {
  const leaks: Leak[] = [];
  for (const file of files(dir, () => true)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      // One report per line: the first credential found in it.
      const what = leakIn(text, credentials);
      if (what !== undefined) leaks.push({ file, line: index + 1, what });
    });
  }
  return leaks;
}

function leakIn(text: string, credentials: Credentials): string | undefined {
  for (const [value, where] of credentials.values) if (text.includes(value)) return `a credential from ${where}`;
  for (const shape of credentials.shapes) if (shape.pattern.test(text)) return shape.name;
  return undefined;
}

/** Total size in bytes and number of files of the logs in `dir`. */
export function logVolume(dir: string): { files: number; bytes: number; lines: number } {
  const all = files(dir, () => true);
  let bytes = 0;
  let lines = 0;
  for (const file of all) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    lines += text.split('\n').length - 1;
  }
  return { files: all.length, bytes, lines };
}
