/**
 * A throwaway PostgreSQL database for the storage conformance suite (shared/style.md
 * convention 15: every test runs on every dialect).
 *
 * - `TESSERA_TEST_DATABASE_URL` set: create a uniquely named database on that server, drop it
 *   on stop.
 * - Otherwise: `initdb` a cluster in a temp dir and start it with `pg_ctl` on a free port bound
 *   to 127.0.0.1 only, trust auth, unix socket inside the temp dir. As root, the binaries run as
 *   the `postgres` system user (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chown, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A private cluster whose server the test may take down and bring back (outage tests). */
export interface TestPostgresCluster extends TestPostgres {
  /** `pg_ctl restart -m fast`: every connection is terminated, the server is back when it resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`, keeping the data directory. */
  stopServer(): Promise<void>;
  /** Start the stopped server again on the same port. */
  startServer(): Promise<void>;
  /** `pg_terminate_backend` on every other connection to the test database; returns how many. */
  terminateBackends(): Promise<number>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Directories holding initdb + pg_ctl: PATH first, then /usr/lib/postgresql/<newest>/bin. */
async function findBinDir(): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if ((await exists(join(dir, 'initdb'))) && (await exists(join(dir, 'pg_ctl')))) return dir;
  }
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[])).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if ((await exists(join(dir, 'initdb'))) && (await exists(join(dir, 'pg_ctl')))) return dir;
  }
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; install postgresql or set TESSERA_TEST_DATABASE_URL');
}

async function systemUser(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Run a server binary directly, or as the `postgres` user via runuser (else su) when root. */
async function runnerFor(asPostgres: boolean, bin: string) {
  if (!asPostgres) return (file: string, args: string[]) => run(join(bin, file), args);
  const hasRunuser = await run('runuser', ['--help']).then(
    () => true,
    () => false,
  );
  return (file: string, args: string[]) =>
    hasRunuser
      ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args])
      : run('su', ['postgres', '-s', '/bin/sh', '-c', [join(bin, file), ...args].map(quote).join(' ')]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function onExistingServer(serverUrl: string): Promise<TestPostgres> {
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function throwawayCluster(): Promise<TestPostgresCluster> {
  const bin = await findBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'tessera-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await systemUser('postgres') : undefined;
  if (asRoot && owner === undefined) throw new Error('Running as root needs a "postgres" system user to run initdb');
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
  const exec = await runnerFor(owner !== undefined, bin);

  const port = await freePort();
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
  const start = () => exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
  try {
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await start();
  } catch (error) {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start a test PostgreSQL cluster:\n${serverLog}`, { cause: error });
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await withClient(adminUrl, (c) => c.query('CREATE DATABASE tessera_test'));
  const url = `postgres://postgres@127.0.0.1:${port}/tessera_test`;
  let running = true;
  return {
    url,
    restart: async () => {
      await exec('pg_ctl', ['-D', data, '-l', log, '-m', 'fast', '-w', '-t', '60', '-o', serverOptions, 'restart']);
    },
    stopServer: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    startServer: async () => {
      await start();
      running = true;
    },
    terminateBackends: () =>
      withClient(url, async (c) => {
        const result = await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        return result.rowCount ?? 0;
      }),
    stop: async () => {
      try {
        if (running) await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Start (or provision) a PostgreSQL database for one test file. */
export async function startPostgres(): Promise<TestPostgres> {
  const serverUrl = process.env.TESSERA_TEST_DATABASE_URL;
  return serverUrl ? onExistingServer(serverUrl) : throwawayCluster();
}

/**
 * A cluster of the test's own, always freshly initialised (never TESSERA_TEST_DATABASE_URL: a
 * test that restarts the server must not take down the database other test files share).
 */
export function startPostgresCluster(): Promise<TestPostgresCluster> {
  return throwawayCluster();
}
