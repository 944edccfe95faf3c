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
 * 6. Servers started by the tests log (at debug, one line per request) into a directory made for
 *    the run (`TESSERA_TEST_LOG_DIR`, kept when given); after the suite, the leak scan
 *    (test/logs/leak-scan.ts) reads every line of it and fails the run on any credential the
 *    tests used, naming the file and line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTlsMaterial } from '../src/server/tls.js';
import { collectCredentials, logVolume, scanLogs } from '../test/logs/leak-scan.js';
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
const keepLogs = process.env.TESSERA_TEST_LOG_DIR !== undefined && process.env.TESSERA_TEST_LOG_DIR !== '';
const logDir = keepLogs ? (process.env.TESSERA_TEST_LOG_DIR as string) : mkdtempSync(join(tmpdir(), 'tessera-test-logs-'));
mkdirSync(logDir, { recursive: true });

const env = {
  ...process.env,
  NODE_EXTRA_CA_CERTS: tls.caFile,
  TESSERA_TEST_DATA_DIR: tlsDir,
  TESSERA_CA_DIR: join(tlsDir, 'user-ca'),
  TESSERA_TEST_DATABASE_URL: postgres.url,
  TESSERA_TEST_LOG_DIR: logDir,
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
if (!leakScan()) code = code === 0 ? 1 : code;
process.exit(code);

/** Scans the run's logs; false (and a report on stderr) when a credential leaked. */
function leakScan(): boolean {
  const credentials = collectCredentials(root);
  const leaks = scanLogs(logDir, credentials);
  const volume = logVolume(logDir);
  const summary = `${volume.files} files, ${volume.lines} lines, ${Math.round(volume.bytes / 1024)} KiB`;
  if (leaks.length === 0) {
    process.stdout.write(`log leak scan: no credential in the test logs (${summary}; ${credentials.values.size} values, ${credentials.shapes.length} shapes)\n`);
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
    return true;
  }
  process.stderr.write(`log leak scan: ${leaks.length} leaked credential(s) in the test logs (${summary}, kept in ${logDir}):\n`);
  for (const leak of leaks.slice(0, 50)) process.stderr.write(`  ${leak.file}:${leak.line}: ${leak.what}\n`);
  return false;
}
