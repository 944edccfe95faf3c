/**
 * Examples that cannot rot (issue 8 item 2): every file in examples/ runs here, as a user runs
 * it — `node examples/<name>.mjs` in a child process against a real `tessera start` with the
 * demo environment, trusting its CA through NODE_EXTRA_CA_CERTS as the README says; the
 * in-process test with `node --test` and no environment variable at all. The README names each.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startCli, type CliServer } from '../helpers/cli-run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');

/** What each example prints when it worked. A file missing here fails the suite. */
const EXPECTED: Record<string, RegExp> = {
  'msal-node-secret.mjs': /^msal-node \(secret\): token for https:\/\/graph\.microsoft\.com with roles User\.Read\.All$/m,
  'msal-node-certificate.mjs': /^msal-node \(certificate\): token for https:\/\/graph\.microsoft\.com with roles User\.Read\.All$/m,
  'azure-identity-graph.mjs': /^Graph SDK: 3 users: admin@tesserademo\.onmicrosoft\.com, alice@/m,
  'openid-client.mjs': /^openid-client: issuer https:\/\/localhost:\d+\/[0-9a-f-]{36}\/v2\.0, bearer token for \d+ s$/m,
  'resource-server-jose.mjs': /^jose: valid RS256 token \(kid [\w-]+\) from https:\/\/localhost:\d+\/[0-9a-f-]{36}\/ for app [0-9a-f-]{36}$/m,
  'curl.sh': /^\{"token_type":"Bearer","expires_in":\d+,"ext_expires_in":\d+,"access_token":"eyJ[\w-]+\.[\w-]+\.[\w-]+"\}$/m,
  'in-process.test.mjs': /^# pass 1$/m,
};
/** Not run by themselves: shared by the others. */
const HELPERS = new Set(['demo.mjs']);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The process environment without anything that would point a client at Tessera or its CA. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // NODE_TEST_CONTEXT too: with it, a child `node --test` reports to this runner, not on stdout.
  const dropped = new Set(['NODE_EXTRA_CA_CERTS', 'XDG_DATA_HOME', 'NODE_TEST_CONTEXT']);
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TESSERA_') && !dropped.has(k)));
  return { ...base, ...extra };
}

let dir: string;
let server: CliServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-examples-'));
  server = startCli(['--data-dir', join(dir, 'data'), '--port', '0']);
  await server.waitFor(/Tessera is listening on https:\/\/localhost:\d+/);
  await server.waitFor(/demo\.json/);
});
after(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('examples/', () => {
  const files = readdirSync(EXAMPLES).filter((f) => !HELPERS.has(f)).sort();

  it('every example has an expected outcome here, and the README names it', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of files) assert.ok(readme.includes(`examples/${file}`), `README.md names examples/${file}`);
  });

  for (const file of files.filter((f) => f !== 'in-process.test.mjs')) {
    it(`${file} runs against tessera start`, async () => {
      const env = cleanEnv({ NODE_EXTRA_CA_CERTS: join(dir, 'data', 'ca.pem'), TESSERA_DEMO_JSON: join(dir, 'data', 'demo.json') });
      const result = file.endsWith('.sh') ? await run('sh', [join(EXAMPLES, file)], env) : await run(process.execPath, [join(EXAMPLES, file)], env);
      assert.equal(result.code, 0, `${file} failed:\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, EXPECTED[file] as RegExp);
    });
  }

  it('in-process.test.mjs passes with no environment variable set (a fresh user: no CA yet)', async () => {
    const home = join(dir, 'home');
    const result = await run(process.execPath, ['--test', join(EXAMPLES, 'in-process.test.mjs')], cleanEnv({ HOME: home }));
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, EXPECTED['in-process.test.mjs'] as RegExp);
    // It created the per-user CA under the (fresh) home directory, not in the working tree.
    assert.ok(readFileSync(join(home, '.local', 'share', 'tessera', 'ca.pem'), 'utf8').includes('BEGIN CERTIFICATE'));
  });
});
