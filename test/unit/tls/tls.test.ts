import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { ensureTlsMaterial, loadTlsFiles, type TlsMaterial } from '../../../src/server/tls.js';

const DAY = 86_400_000;
const FILES = ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem'];

async function snapshot(dir: string): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(FILES.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
}

/** Resolves with the peer's subject on a verified handshake, rejects on a TLS error. */
async function handshake(material: Pick<TlsMaterial, 'certPem' | 'keyPem'>, client: tls.ConnectionOptions): Promise<string> {
  const server = tls.createServer({ cert: material.certPem, key: material.keyPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, ...client }, () => {
        resolve(String(socket.getPeerCertificate().subject.CN));
        socket.end();
      });
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('local CA and server certificate', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tessera-tls-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates a CA (CA:true, 10 years) and a serverAuth leaf for localhost/127.0.0.1/::1, directory 0700, files 0600', async () => {
    const dir = join(root, 'a', 'nested');
    const m = await ensureTlsMaterial(dir, []);
    assert.equal(m.created, true);
    assert.equal(m.caFile, join(dir, 'ca.pem'));
    // Certificates too (lib/private-files.ts): one rule for every file of the data directory.
    for (const f of ['ca-key.pem', 'server-key.pem', 'ca.pem', 'server.pem']) assert.equal((await stat(join(dir, f))).mode & 0o777, 0o600, f);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const ca = new X509Certificate(m.caPem);
    assert.ok(ca.ca);
    assert.match(ca.subject, /^CN=Tessera Local CA [0-9a-f]{8}$/);
    assert.ok(Date.parse(ca.validTo) - Date.now() > 9.9 * 365 * DAY);
    const leaf = new X509Certificate(m.certPem);
    assert.ok(!leaf.ca && leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
    assert.ok(Date.parse(leaf.validTo) - Date.parse(leaf.validFrom) <= 397 * DAY);
    assert.equal(leaf.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.deepEqual(leaf.keyUsage, ['1.3.6.1.5.5.7.3.1']); // extendedKeyUsage serverAuth
  });

  it('reuses the files unchanged on later calls', async () => {
    const dir = join(root, 'reuse');
    await ensureTlsMaterial(dir, ['tessera.test']);
    const first = await snapshot(dir);
    const again = await ensureTlsMaterial(dir, ['TESSERA.test']);
    assert.equal(again.created, false);
    assert.equal(again.reissued, false);
    assert.deepEqual(await snapshot(dir), first);
    assert.equal(again.certPem, first['server.pem']);
  });

  it('is trusted by a client given the CA (by name and by IP) and refused under another CA', async () => {
    const m = await ensureTlsMaterial(join(root, 'trust'), []);
    assert.equal(await handshake(m, { ca: m.caPem, servername: 'localhost' }), 'localhost');
    await handshake(m, { ca: m.caPem }); // IP SAN 127.0.0.1
    const other = await ensureTlsMaterial(join(root, 'other'), []);
    await assert.rejects(handshake(m, { ca: other.caPem, servername: 'localhost' }), /certificate/i);
    await assert.rejects(handshake(m, { ca: m.caPem, servername: 'not-covered.test' }), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('reissues the leaf for new host names and near expiry; the CA stays byte-identical', async () => {
    const dir = join(root, 'reissue');
    const start = Date.now();
    await ensureTlsMaterial(dir, []);
    const first = await snapshot(dir);
    const added = await ensureTlsMaterial(dir, ['api.tessera.test', '10.1.2.3', '[fd00::1]']);
    assert.equal(added.reissued, true);
    const second = await snapshot(dir);
    assert.equal(second['ca.pem'], first['ca.pem']);
    assert.equal(second['ca-key.pem'], first['ca-key.pem']);
    assert.notEqual(second['server.pem'], first['server.pem']);
    assert.notEqual(second['server-key.pem'], first['server-key.pem']);
    assert.equal(
      new X509Certificate(added.certPem).subjectAltName,
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:api.tessera.test, IP Address:10.1.2.3, IP Address:FD00:0:0:0:0:0:0:1',
    );
    assert.equal(await handshake(added, { ca: added.caPem, servername: 'api.tessera.test' }), 'localhost');

    const at = (days: number) => () => new Date(start + days * DAY);
    assert.equal((await ensureTlsMaterial(dir, [], { now: at(300) })).reissued, false);
    const renewed = await ensureTlsMaterial(dir, [], { now: at(340) });
    assert.equal(renewed.reissued, true, 'within 30 days of expiry');
    assert.equal(renewed.caPem, first['ca.pem']);
    assert.match(new X509Certificate(renewed.certPem).subjectAltName ?? '', /api\.tessera\.test/, 'earlier names kept');
  });

  it('reissues when the key no longer matches the certificate', async () => {
    const dir = join(root, 'mismatch');
    await ensureTlsMaterial(dir, []);
    const other = await ensureTlsMaterial(join(root, 'mismatch-other'), []);
    await writeFile(join(dir, 'server-key.pem'), other.keyPem); // e.g. a crash between the two writes
    const fixed = await ensureTlsMaterial(dir, []);
    assert.equal(fixed.reissued, true);
    await loadTlsFiles(join(dir, 'server.pem'), join(dir, 'server-key.pem'));
  });

  it('loadTlsFiles accepts a matching pair and explains a mismatch', async () => {
    const a = join(root, 'load-a');
    const b = join(root, 'load-b');
    const m = await ensureTlsMaterial(a, []);
    await ensureTlsMaterial(b, []);
    assert.deepEqual(await loadTlsFiles(join(a, 'server.pem'), join(a, 'server-key.pem')), { certPem: m.certPem, keyPem: m.keyPem });
    await assert.rejects(loadTlsFiles(join(a, 'server.pem'), join(b, 'server-key.pem')), /is not the private key/);
    await assert.rejects(loadTlsFiles(join(a, 'server-key.pem'), join(a, 'server-key.pem')), /does not contain a PEM certificate/);
  });

  it('rejects host names that are not DNS names or IP literals', async () => {
    await assert.rejects(ensureTlsMaterial(join(root, 'bad'), ['a,b=c']), /Invalid TLS host name/);
  });
});
