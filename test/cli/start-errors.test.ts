/**
 * Clear errors of `tessera start` and the admin commands (issue 8 item 7), through the real CLI:
 * an unknown database URL scheme is a usage error (2) naming the accepted forms; a data
 * directory that cannot be created, read or written, and a listen that cannot succeed (bad
 * --host, an address not of this machine, a port in use, a privileged port) are runtime errors
 * (1): one line naming what failed, no stack trace, and no file created or changed.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type CliResult, type RunAs } from '../helpers/cli-run.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const IS_ROOT = process.getuid?.() === 0;
// Root passes every permission check: run the CLI as an unprivileged user instead.
const NOBODY: RunAs | undefined = IS_ROOT ? { uid: 65534, gid: 65534 } : undefined;
// The test run's CA (scripts/test.ts) is root's: nobody could not read it, and Node would warn.
const AS_NOBODY_ENV = IS_ROOT ? { NODE_EXTRA_CA_CERTS: undefined } : {};

/** Every file of `dir` (recursively) with its size, mtime and content hash: a changed byte shows. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const path = join(dir, name);
    const info = await stat(path);
    out[name] = info.isFile() ? `${info.size} ${info.mtimeMs} ${createHash('sha256').update(await readFile(path)).digest('hex')}` : `dir ${info.mode.toString(8)}`;
  }
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Exit `code`, stderr (without warnings) matching `message` whole, nothing listening, no stack trace. */
function assertFailure(result: CliResult, code: number, message: RegExp): void {
  assert.equal(result.code, code, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  const stderr = result.stderr.split('\n').filter((l) => !l.startsWith('warning: ')).join('\n');
  assert.match(stderr, message);
  assert.doesNotMatch(result.stderr, /TESSERA_DEBUG|\n\s+at /);
  assert.doesNotMatch(result.stdout, LISTENING);
}

/** One line on stderr: `tessera: ` and a text starting with `start`. */
const oneLine = (start: RegExp) => new RegExp(`^tessera: ${start.source}[^\n]*\n$`);

describe('tessera start: clear errors that change nothing', () => {
  let parent: string;
  let warm: string;

  before(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tessera-cli-errors-'));
    // Traversable by the unprivileged user the permission cases run as.
    await chmod(parent, 0o755);
    // A data directory that has served once: CA, server certificate, database.
    warm = join(parent, 'warm');
    const server = startCli(['--port', '0', '--data-dir', warm, '--log-level', 'warn', '--no-demo']);
    await server.waitFor(LISTENING);
    assert.equal(await server.stop('SIGTERM'), 0);
  });
  after(() => rm(parent, { recursive: true, force: true }));

  it('refuses a database URL of an unknown scheme with exit code 2, naming the accepted forms, creating nothing', async () => {
    const fresh = join(parent, 'never-created');
    const before = await snapshot(warm);
    const results = await Promise.all([
      runCli(['start', '--port', '0', '--database', 'nonsense://x', '--data-dir', fresh]),
      runCli(['tenants', 'list', '--database', 'nonsense://x', '--data-dir', fresh]),
      runCli(['users', 'list', '--data-dir', warm], { TESSERA_DATABASE: 'mysql://app:hunter2@db/tessera' }),
      runCli(['start', '--port', '0', '--database', 'postgres:tessera', '--data-dir', warm]),
    ]);
    const [start, admin, env, postgres] = results;
    const forms = "use postgres://… or postgresql://…, sqlite:<file> or a plain file path, or :memory:";
    const invalid = (line: string) => new RegExp(`^tessera: Invalid configuration:\n {2}database: ${escape(line)}\n$`);
    for (const result of [start, admin]) assertFailure(result as CliResult, 2, invalid(`'nonsense://x' has the unknown scheme 'nonsense:': ${forms}`));
    // A password in the URL is not echoed.
    assertFailure(env as CliResult, 2, invalid(`'mysql://app:***@db/tessera' has the unknown scheme 'mysql:': ${forms}`));
    assert.doesNotMatch(env?.stderr ?? '', /hunter2/);
    assertFailure(postgres as CliResult, 2, invalid("'postgres:tessera' is not a PostgreSQL URL: use postgres://user@host/database"));
    assert.equal(existsSync(fresh), false, 'no data directory created');
    assert.deepEqual(await snapshot(warm), before);
  });

  it('still takes a plain file path for an SQLite file', async () => {
    const file = join(parent, 'plain.db');
    const result = await runCli(['tenants', 'list', '--database', file, '--data-dir', join(parent, 'plain-data')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /consumers/);
    assert.equal((await stat(file)).isFile(), true);
  });

  it('names a data directory under a file (ENOTDIR) with exit code 1, for start and admin commands', async () => {
    const file = join(parent, 'a-file');
    await writeFile(file, 'not a directory');
    const dir = join(file, 'data');
    const message = `The data directory ${escape(dir)} cannot be reached: a part of the path is a file, not a directory \\(ENOTDIR\\)\n$`;
    const [start, admin] = await Promise.all([runCli(['start', '--port', '0', '--data-dir', dir]), runCli(['keys', 'list', '--data-dir', dir])]);
    assertFailure(start as CliResult, 1, new RegExp(`^tessera: Refusing to start: ${message}`));
    assertFailure(admin as CliResult, 1, new RegExp(`^tessera: ${message}`));
    assert.equal(await readFile(file, 'utf8'), 'not a directory');
  });

  for (const [label, mode] of [['unwritable (0500)', 0o500], ['unreadable (0300)', 0o300]] as const) {
    it(`names an ${label} data directory with exit code 1 and writes nothing in it`, async () => {
      const dir = join(parent, `mode-${mode.toString(8)}`);
      await mkdir(dir);
      if (NOBODY) await chown(dir, NOBODY.uid, NOBODY.gid);
      await chmod(dir, mode);
      const uid = NOBODY?.uid ?? process.getuid?.();
      const message = `The data directory ${escape(dir)} is not readable and writable by this user \\(uid ${uid}\\): permission denied \\(EACCES\\)\n$`;
      const start = await runCli(['start', '--port', '0', '--data-dir', dir], AS_NOBODY_ENV, NOBODY);
      assertFailure(start, 1, new RegExp(`^tessera: Refusing to start: ${message}`));
      const admin = await runCli(['apps', 'list', '--data-dir', dir], AS_NOBODY_ENV, NOBODY);
      assertFailure(admin, 1, new RegExp(`^tessera: ${message}`));
      await chmod(dir, 0o700);
      assert.deepEqual(await readdir(dir), []);
      assert.equal((await stat(dir)).mode & 0o777, 0o700);
    });
  }

  describe('a listen that cannot succeed touches no file', () => {
    let blocker: Server;
    let busyPort: number;
    let unchanged: Record<string, string>;

    before(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      busyPort = (blocker.address() as { port: number }).port;
      unchanged = await snapshot(warm);
    });
    after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    const cases: Array<[string, () => string[], RegExp]> = [
      // Before, the server certificate was reissued for this host, then the listen failed.
      ['an invalid --host', () => ['--host', '999.1.1.1', '--port', '0'], oneLine(/Cannot listen on 999\.1\.1\.1:0: '999\.1\.1\.1' is neither an IP address nor a host name that resolves \(ENOTFOUND\)/)],
      ['a host name that does not resolve', () => ['--host', 'no-such-host.invalid', '--port', '0'], oneLine(/Cannot listen on no-such-host\.invalid:0: 'no-such-host\.invalid' is neither an IP address nor a host name that resolves/)],
      // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
      ['an address not of this machine', () => ['--host', '192.0.2.1', '--port', '0'], oneLine(/Cannot listen on 192\.0\.2\.1:0: 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\)/)],
      ['a port in use', () => ['--host', '127.0.0.1', '--port', String(busyPort)], oneLine(/Cannot listen on 127\.0\.0\.1:\d+: the port is already in use \(EADDRINUSE\); stop the other server or choose another --port/)],
    ];
    // With ip_nonlocal_bind set, Linux lets a process bind addresses it does not have.
    const nonlocalBind = existsSync('/proc/sys/net/ipv4/ip_nonlocal_bind') && readFileSync('/proc/sys/net/ipv4/ip_nonlocal_bind', 'utf8').trim() === '1';
    for (const [label, args, message] of cases) {
      const skip = nonlocalBind && label === 'an address not of this machine' && 'ip_nonlocal_bind is set';
      it(`${label}: one message, exit code 1`, { skip }, async () => {
        const result = await runCli(['start', ...args(), '--data-dir', warm, '--log-level', 'warn']);
        assertFailure(result, 1, message);
        assert.deepEqual(await snapshot(warm), unchanged);
      });
    }

    const unprivilegedFrom = existsSync('/proc/sys/net/ipv4/ip_unprivileged_port_start') ? Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8')) : 1024;
    it('a privileged port without the right: one message, exit code 1', { skip: (process.platform !== 'linux' || unprivilegedFrom <= 80) && 'port 80 needs no privilege here' }, async () => {
      // As root the data directory is root's and the CLI runs as nobody: the bind fails first.
      const result = await runCli(['start', '--port', '80', '--host', '127.0.0.1', '--data-dir', warm, '--log-level', 'warn'], AS_NOBODY_ENV, NOBODY);
      assertFailure(result, 1, oneLine(/Cannot listen on 127\.0\.0\.1:80: permission denied \(EACCES\); ports below 1024 need privileges/));
      assert.deepEqual(await snapshot(warm), unchanged);
    });
  });
});
