/**
 * `npm test`: the whole suite, against real parts.
 * 1. A test CA and server certificate (one per run) that every client in the test process
 *    trusts through NODE_EXTRA_CA_CERTS, as users are told to do (spec/clients.md).
 * 2. PostgreSQL: `TESSERA_TEST_DATABASE_URL` when set, otherwise a throwaway cluster started
 *    from the installed server binaries and stopped afterwards, so the storage suite always runs
 *    on both SQLite and PostgreSQL.
 * 3. The per-user CA of in-process instances (`startTessera()` without a data dir) in a
 *    directory of the run (TESSERA_CA_DIR), so tests never write to the developer's own.
 * 4. dist/ rebuilt when a source is newer: examples/ and the new-project test import the package
 *    as users do, which resolves to the build.
 * 5. node's test runner over every `test/**\/*.test.ts` (or the files given as arguments).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTlsMaterial } from '../src/server/tls.js';
import { startPostgres } from '../test/helpers/postgres.js';

function newestMtime(dir: string): number {
  return Math.max(0, ...readdirSync(dir).map((name) => {
    const path = join(dir, name);
    const stats = statSync(path);
    return stats.isDirectory() ? newestMtime(path) : stats.mtimeMs;
  }));
}

async function buildIfStale(): Promise<void> {
  const built = join(root, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, 'src'))) return;
  console.log('Building dist/ (a source is newer than the build)…');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) process.exit(code);
}

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const root = new URL('..', import.meta.url).pathname;
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : findTests(join(root, 'test')).map((f) => relative(root, f)).sort();
await buildIfStale();
const tlsDir = mkdtempSync(join(tmpdir(), 'tessera-test-tls-'));
const tls = await ensureTlsMaterial(tlsDir, []);
const postgres = await startPostgres();

const env = {
  ...process.env,
  NODE_EXTRA_CA_CERTS: tls.caFile,
  TESSERA_TEST_DATA_DIR: tlsDir,
  TESSERA_CA_DIR: join(tlsDir, 'user-ca'),
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
