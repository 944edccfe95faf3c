/**
 * Concurrent writers (issue 6 item 4): 50 writes at once from several processes on one database
 * while a server on the same database serves tokens: 6 `tessera apps secret add` CLI processes
 * plus 4 processes adding 11 secrets each through the directory. On SQLite (one writer at a
 * time, across processes) and on PostgreSQL: no process fails, no write is lost, and the server
 * answers every token request meanwhile.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { createDirectory } from '../../src/directory/index.js';
import { DEMO } from '../../src/environment/demo-values.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli, startCli, type CliResult, type CliServer } from '../helpers/cli-run.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { httpsClient } from './http.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const WRITER = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
const CLI_WRITERS = 6;
const DIRECTORY_WRITERS = 4;
const WRITES_PER_DIRECTORY_WRITER = 11; // 6 + 4 × 11 = 50

function runWriter(url: string, prefix: string): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, url, DEMO.applications.daemon.id, prefix, String(WRITES_PER_DIRECTORY_WRITER)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function fiftyWriters(database: string, dataDir: string): Promise<void> {
  const server: CliServer = startCli(['--port', '0', '--data-dir', dataDir, '--database', database, '--log-level', 'warn']);
  try {
    const url = (await server.waitFor(LISTENING, 40_000))[1] ?? '';
    const client = httpsClient(await readFile(join(dataDir, 'ca.pem')));
    let writing = true;
    const tokenStatuses: number[] = [];
    const tokens = (async () => {
      while (writing) {
        const answer = await client.postForm(`${url}/${DEMO.tenant.id}/oauth2/v2.0/token`, {
          grant_type: 'client_credentials',
          client_id: DEMO.applications.daemon.appId,
          client_secret: DEMO.applications.daemon.secret,
          scope: 'https://graph.microsoft.com/.default',
        });
        tokenStatuses.push(answer.status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const results = await Promise.all([
      ...Array.from({ length: CLI_WRITERS }, (_, i) =>
        runCli(['apps', 'secret', 'add', DEMO.applications.daemon.appId, '--database', database, '--name', `cli-${i}`, '--json']),
      ),
      ...Array.from({ length: DIRECTORY_WRITERS }, (_, i) => runWriter(database, `proc-${i}`)),
    ]);
    writing = false;
    await tokens;
    client.close();

    for (const result of results) assert.equal(result.code, 0, `a writer failed:\n${result.stderr}`);
    assert.ok(tokenStatuses.length > 0);
    assert.deepEqual([...new Set(tokenStatuses)], [200], 'the server answered every token request meanwhile');

    const expected = [
      ...Array.from({ length: CLI_WRITERS }, (_, i) => `cli-${i}`),
      ...Array.from({ length: DIRECTORY_WRITERS }, (_, p) => Array.from({ length: WRITES_PER_DIRECTORY_WRITER }, (_, i) => `proc-${p}-${i}`)).flat(),
    ];
    assert.equal(expected.length, 50);
    const storage = await openStorage(database);
    try {
      const app = await createDirectory(storage).getApplication(DEMO.applications.daemon.id);
      const names = new Set(app?.passwordCredentials.map((c) => c.displayName));
      assert.deepEqual(expected.filter((name) => !names.has(name)), [], 'no write was lost');
    } finally {
      await storage.close();
    }
    assert.equal(await server.stop('SIGTERM'), 0);
  } finally {
    await server.stop('SIGKILL');
  }
}

describe('50 concurrent writers across processes', () => {
  const dirs: string[] = [];
  let postgres: TestPostgres | undefined;
  after(async () => {
    await postgres?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('on one SQLite file with a running server: no failure, no lost write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-writers-sqlite-'));
    dirs.push(dir);
    await fiftyWriters(`sqlite:${join(dir, 'tessera.db')}`, dir);
  });

  it('on one PostgreSQL database with a running server: no failure, no lost write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-writers-pg-'));
    dirs.push(dir);
    postgres = await startPostgres();
    await fiftyWriters(postgres.url, dir);
  });
});
