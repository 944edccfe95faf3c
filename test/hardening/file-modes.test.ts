/**
 * File modes of the data directory (issue 6, item 2: "any local user can forge tokens"), through
 * the real `tessera start`: a first start makes the directory 0700 and every file in it 0600
 * (no exceptions: lib/private-files.ts says why), whatever the umask; a directory left 0755 with
 * 0644 files (as older versions made it) is tightened with one warning per path (a file that is
 * not Tessera's is only reported); a file owned
 * by another user stops the start with exit code 1; without TESSERA_MASTER_KEY, start says that
 * keys are protected by file permissions only.
 */
import assert from 'node:assert/strict';
import { chmod, chown, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type CliServer } from '../helpers/cli-run.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const NO_MASTER_KEY = /TESSERA_MASTER_KEY is not set: signing keys and TOTP secrets are stored unencrypted, protected by file permissions only/;
const EXPECTED_FILES = ['ca-key.pem', 'ca.pem', 'demo-daemon-key.pem', 'demo-daemon.pem', 'demo.json', 'server-key.pem', 'server.pem', 'tessera.db', 'tessera.db-shm', 'tessera.db-wal'];

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await modeOf(join(dir, name))).toString(8);
  return out;
}

describe('data directory file modes', () => {
  let parent: string;
  let dataDir: string;
  let server: CliServer | undefined;
  // The child inherits the umask: a permissive one shows modes are explicit, not inherited.
  let savedUmask: number;

  before(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tessera-modes-'));
    dataDir = join(parent, 'data');
    savedUmask = process.umask(0o002);
  });
  after(async () => {
    process.umask(savedUmask);
    await server?.stop('SIGKILL');
    await rm(parent, { recursive: true, force: true });
  });

  it('a first start creates the directory 0700 and every file in it 0600', async () => {
    server = startCli(['--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    await server.waitFor(LISTENING);
    await server.waitFor(/The same as JSON: .*demo\.json/);
    assert.equal(await modeOf(dataDir), 0o700);
    const found = await modes(dataDir);
    assert.deepEqual(Object.keys(found), EXPECTED_FILES);
    assert.deepEqual(Object.values(found), EXPECTED_FILES.map(() => '600'), JSON.stringify(found));
    assert.match(server.stderr(), NO_MASTER_KEY);
    assert.doesNotMatch(server.stderr(), /Tightened/);
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('tightens a 0755 directory and 0644 files at start, naming each path and its old mode', async () => {
    await chmod(dataDir, 0o755);
    for (const name of await readdir(dataDir)) await chmod(join(dataDir, name), 0o644);
    // Not Tessera's: reported, left as it is.
    await writeFile(join(dataDir, 'notes.txt'), 'mine\n', { mode: 0o644 });
    server = startCli(['--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], { TESSERA_MASTER_KEY: '' });
    await server.waitFor(LISTENING);
    const stderr = server.stderr();
    assert.ok(stderr.includes(`warning: Tightened ${dataDir} from mode 0755 to 0700`), stderr);
    for (const name of ['tessera.db', 'ca-key.pem', 'server-key.pem', 'demo.json', 'ca.pem']) {
      assert.ok(stderr.includes(`warning: Tightened ${join(dataDir, name)} from mode 0644 to 0600`), `${name}: ${stderr}`);
    }
    assert.ok(stderr.includes(`warning: ${dataDir} also holds files other local users can read, not Tessera's, left as they are: notes.txt`), stderr);
    assert.equal(await modeOf(dataDir), 0o700);
    const { 'notes.txt': notes, ...own } = await modes(dataDir);
    assert.equal(notes, '644');
    assert.deepEqual(Object.keys(own), EXPECTED_FILES);
    assert.ok(Object.values(own).every((m) => m === '600'), JSON.stringify(own));
    assert.equal(await server.stop('SIGTERM'), 0);
    await rm(join(dataDir, 'notes.txt'));
  });

  it('says nothing about file permissions when TESSERA_MASTER_KEY is set and modes are right', async () => {
    const dir = join(parent, 'sealed');
    server = startCli(['--port', '0', '--data-dir', dir, '--log-level', 'warn', '--no-demo'], { TESSERA_MASTER_KEY: 'file-modes-test-master-key' });
    await server.waitFor(LISTENING);
    assert.equal(server.stderr(), '');
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('refuses to start (exit 1, the path named) when a file belongs to another user', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async () => {
    const dir = join(parent, 'foreign');
    await runCli(['tenants', 'list', '--data-dir', dir]);
    const db = join(dir, 'tessera.db');
    await chown(db, 65534, 65534);
    const result = await runCli(['start', '--port', '0', '--data-dir', dir, '--log-level', 'warn']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`^tessera: Refusing to start: ${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} belongs to another user \\(uid 65534, not 0\\)`));
    assert.doesNotMatch(result.stderr, /TESSERA_DEBUG|\n\s+at /);
    assert.doesNotMatch(result.stdout, LISTENING);
  });

  it('admin commands make the same modes on a fresh data directory', async () => {
    const dir = join(parent, 'admin');
    const result = await runCli(['tenants', 'list', '--data-dir', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await modeOf(dir), 0o700);
    assert.equal(await modeOf(join(dir, 'tessera.db')), 0o600);
    // A database file given outside the data directory is created 0600 too.
    const elsewhere = join(parent, 'elsewhere.db');
    assert.equal((await runCli(['tenants', 'list', '--database', `sqlite:${elsewhere}`, '--data-dir', dir])).code, 0);
    assert.equal(await modeOf(elsewhere), 0o600);
  });
});
