/**
 * Catalogs are tested against their docs (shared/style.md convention 5): the generated docs must
 * match what is committed, and every AADSTS code in the catalog must be thrown somewhere.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderConfigurationDoc, renderErrorsDoc } from '../../../scripts/gen-docs.js';
import { AADSTS } from '../../../src/protocol/aadsts.js';

const root = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('docs', () => {
  it('docs/configuration.md is generated from src/config/defaults.ts', () => {
    assert.equal(readFileSync(join(root, 'docs/configuration.md'), 'utf8'), renderConfigurationDoc(), 'run `npx tsx scripts/gen-docs.ts`');
  });

  it('docs/errors.md is generated from the AADSTS catalog', () => {
    assert.equal(readFileSync(join(root, 'docs/errors.md'), 'utf8'), renderErrorsDoc(), 'run `npx tsx scripts/gen-docs.ts`');
  });

  it('every catalogued AADSTS code is used by the code, and every code used is catalogued', () => {
    const code = sources(join(root, 'src'))
      .filter((f) => !f.endsWith('aadsts.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const used = new Set([...code.matchAll(/OAuthError\(\s*(\d+)/g)].map((m) => Number(m[1])));
    const catalogued = new Set(Object.keys(AADSTS).map(Number));
    assert.deepEqual([...catalogued].filter((c) => !used.has(c)), [], 'documented but never thrown');
    assert.deepEqual([...used].filter((c) => !catalogued.has(c)), [], 'thrown but not in the catalog');
  });
});
