/**
 * `tessera ca path` (issue 8 item 1): prints the absolute path of the CA to trust, creating it
 * when missing, so `NODE_EXTRA_CA_CERTS=$(tessera ca path)` works at once; the same CA on every
 * call; a data directory's own CA with --data-dir.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli-run.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-ca-cli-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('tessera ca path', () => {
  it('prints the per-user CA under the home directory, creating it once', async () => {
    const home = join(dir, 'home');
    const first = await runCli(['ca', 'path'], { HOME: home, XDG_DATA_HOME: '' });
    assert.equal(first.code, 0, first.stderr);
    const file = join(home, '.local', 'share', 'tessera', 'ca.pem');
    assert.equal(first.stdout, `${file}\n`);
    const pem = await readFile(file, 'utf8');
    assert.ok(new X509Certificate(pem).ca);
    const second = await runCli(['ca', 'path'], { HOME: home, XDG_DATA_HOME: '' });
    assert.equal(second.stdout, `${file}\n`);
    assert.equal(await readFile(file, 'utf8'), pem, 'the same CA, not a new one');
  });

  it('follows XDG_DATA_HOME and TESSERA_CA_DIR', async () => {
    const xdg = await runCli(['ca', 'path'], { XDG_DATA_HOME: join(dir, 'xdg') });
    assert.equal(xdg.stdout, `${join(dir, 'xdg', 'tessera', 'ca.pem')}\n`);
    const explicit = await runCli(['ca', 'path'], { TESSERA_CA_DIR: join(dir, 'explicit') });
    assert.equal(explicit.stdout, `${join(dir, 'explicit', 'ca.pem')}\n`);
  });

  it('--data-dir: the CA tessera start serves there', async () => {
    const dataDir = join(dir, 'data');
    const result = await runCli(['ca', 'path', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${join(dataDir, 'ca.pem')}\n`);
  });
});
