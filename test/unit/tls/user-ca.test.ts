/**
 * The per-user CA (server/user-ca.ts): where it lives, and that processes creating it at the
 * same moment — parallel test files each calling startTessera() — end up sharing one CA instead
 * of overwriting each other's certificate and key with mismatched halves.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { userCaDir } from '../../../src/server/user-ca.js';

const TLS_MODULE = fileURLToPath(new URL('../../../src/server/tls.ts', import.meta.url));

describe('userCaDir', () => {
  it('TESSERA_CA_DIR first, then $XDG_DATA_HOME/tessera, then ~/.local/share/tessera', () => {
    assert.equal(userCaDir({ TESSERA_CA_DIR: '/srv/ca', XDG_DATA_HOME: '/x' }), '/srv/ca');
    assert.equal(userCaDir({ XDG_DATA_HOME: '/home/u/data' }), '/home/u/data/tessera');
    // The XDG base directory spec: a relative value is invalid and ignored.
    assert.equal(userCaDir({ XDG_DATA_HOME: 'relative' }), join(homedir(), '.local', 'share', 'tessera'));
    assert.equal(userCaDir({}), join(homedir(), '.local', 'share', 'tessera'));
  });
});

describe('creating the CA from several processes at once', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-user-ca-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('gives every process the same CA, whose key matches its certificate', async () => {
    const caDir = join(dir, 'shared');
    const script = `const { ensureTlsMaterial } = await import(${JSON.stringify(TLS_MODULE)}); const m = await ensureTlsMaterial(${JSON.stringify(caDir)}, []); console.log(JSON.stringify(m.caPem));`;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
      }),
    );
    for (const r of runs) assert.equal(r.code, 0, r.err);
    const pems = new Set(runs.map((r) => JSON.parse(r.out.trim()) as string));
    assert.equal(pems.size, 1, 'one CA for all');
    const [pem] = [...pems];
    assert.equal(await readFile(join(caDir, 'ca.pem'), 'utf8'), pem);
    const ca = new X509Certificate(pem as string);
    assert.ok(ca.checkPrivateKey(createPrivateKey(await readFile(join(caDir, 'ca-key.pem'), 'utf8'))));
  });
});
