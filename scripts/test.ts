/**
 * `npm test`: the whole suite, against real parts.
 * 1. A test CA and server certificate (one per run) that every client in the test process
 *    trusts through NODE_EXTRA_CA_CERTS, as users are told to do (spec/clients.md).
 * 2. PostgreSQL: `TESSERA_TEST_DATABASE_URL` when set, otherwise a throwaway cluster started
 *    from the installed server binaries and stopped afterwards, so the storage suite always runs
 *    on both SQLite and PostgreSQL.
 * 3. node's test runner over every `test/**\/*.test.ts` (or the files given as arguments).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTlsMaterial } from '../src/server/tls.js';
import { startPostgres } from '../test/helpers/postgres.js';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const root = new URL('..', import.meta.url).pathname;
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : findTests(join(root, 'test')).map((f) => relative(root, f)).sort();
const tlsDir = mkdtempSync(join(tmpdir(), 'tessera-test-tls-'));
const tls = await ensureTlsMaterial(tlsDir, []);
const postgres = await startPostgres();

const env = {
  ...process.env,
  NODE_EXTRA_CA_CERTS: tls.caFile,
  TESSERA_TEST_DATA_DIR: tlsDir,
  TESSERA_TEST_DATABASE_URL: postgres.url,
};
let code: number;
try {
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
} finally {
  await postgres.stop();
  rmSync(tlsDir, { recursive: true, force: true });
}
process.exit(code);
