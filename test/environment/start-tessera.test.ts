/**
 * The in-process API (`startTessera`): a real HTTPS server on 127.0.0.1 and a random port over
 * in-memory SQLite, trusted through the returned CA, describing what its environment created.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO, startTessera, userCaDir, type TesseraInstance } from '../../src/index.js';
import { createClientCertificate } from '../fixtures/certs/client-certificate.js';
import { CLIENT_APP_ID, CLIENT_SECRET, CONTOSO, environment } from './environment.config.js';

function call(url: string, ca: string, form?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const req = request(url, { method: form ? 'POST' : 'GET', ca, headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function claims(jwt: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('startTessera', () => {
  let tessera: TesseraInstance;
  let certificatePem: string;

  before(async () => {
    certificatePem = (await createClientCertificate()).certificatePem;
    tessera = await startTessera({ environment: environment(certificatePem) });
  });
  after(() => tessera.close());

  it('listens on 127.0.0.1 at https://localhost:<random port>, trusted through the returned CA', async () => {
    assert.match(tessera.url, /^https:\/\/localhost:\d+$/);
    const address = tessera.app.server.address();
    assert.ok(typeof address === 'object' && address !== null);
    assert.equal(address.address, '127.0.0.1');
    assert.equal(tessera.url, `https://localhost:${address.port}`);
    assert.equal(tessera.authority(), `${tessera.url}/${CONTOSO}`);
    const { status, body } = await call(`${tessera.authority()}/v2.0/.well-known/openid-configuration`, tessera.caPem);
    assert.equal(status, 200);
    assert.equal(body.issuer, `${tessera.url}/${CONTOSO}/v2.0`);
  });

  it('describes what the environment created, with credentials as given', () => {
    assert.deepEqual(tessera.tenants.map((t) => t.domain), ['contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com']);
    const client = tessera.applications.find((a) => a.appId === CLIENT_APP_ID);
    assert.equal(client?.secret, CLIENT_SECRET);
    assert.equal(client?.tenantId, CONTOSO);
    assert.deepEqual(tessera.users.find((u) => u.userPrincipalName === 'admin@contoso.onmicrosoft.com')?.roles, ['Global Administrator', 'User Administrator']);
    assert.equal(tessera.users.find((u) => u.userPrincipalName === 'alice@contoso.example')?.password, 'Alice-Pass-1!');
  });

  it('issues tokens that carry the consent the environment granted', async () => {
    const { status, body } = await call(`${tessera.authority()}/oauth2/v2.0/token`, tessera.caPem, {
      grant_type: 'client_credentials',
      client_id: CLIENT_APP_ID,
      client_secret: CLIENT_SECRET,
      scope: 'https://graph.microsoft.com/.default',
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(claims(body.access_token).roles, ['User.Read.All']);
  });

  it('serves from the per-user CA, which outlives it, and stops listening on close', async () => {
    const other = await startTessera();
    assert.equal(other.caFile, join(userCaDir(), 'ca.pem'));
    assert.ok(existsSync(other.caFile));
    assert.deepEqual(other.tenants, []);
    assert.equal(other.authority(), `${other.url}/common`);
    await other.close();
    await other.close(); // idempotent
    assert.ok(existsSync(other.caFile), 'the per-user CA is shared by every in-process instance');
    await assert.rejects(call(`${other.url}/common/v2.0/.well-known/openid-configuration`, other.caPem));
  });
});

describe('startTessera options', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-start-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('applies an environment file (certificate files relative to it) and keeps a given data dir', async () => {
    const cert = await createClientCertificate();
    await writeFile(join(dir, 'client.pem'), cert.certificatePem);
    await writeFile(
      join(dir, 'env.yaml'),
      ['tenants:', '  - domain: filetest', '    applications:', '      - displayName: From File', '        certificates:', '          - file: client.pem', '        secrets:', '          - value: from-file-secret-0001', ''].join('\n'),
    );
    const dataDir = join(dir, 'data');
    const tessera = await startTessera({ environment: join(dir, 'env.yaml'), dataDir });
    try {
      const app = tessera.applications[0];
      assert.equal(app?.displayName, 'From File');
      assert.equal(app?.certificates[0]?.thumbprint, cert.sha1Hex.toUpperCase());
      assert.equal(tessera.caFile, join(dataDir, 'ca.pem'));
    } finally {
      await tessera.close();
    }
    assert.ok(existsSync(join(dataDir, 'ca.pem')), 'a given data dir is kept');
  });

  it('serves the protocol under the path prefix of a public URL', async () => {
    const port = await freePort();
    const tessera = await startTessera({ port, publicUrl: `https://localhost:${port}/id`, environment: { tenants: [{ id: CONTOSO, domain: 'contoso' }] } });
    try {
      assert.equal(tessera.url, `https://localhost:${port}/id`);
      const { status, body } = await call(`${tessera.authority()}/v2.0/.well-known/openid-configuration`, tessera.caPem);
      assert.equal(status, 200);
      assert.equal(body.issuer, `https://localhost:${port}/id/${CONTOSO}/v2.0`);
      assert.equal(body.token_endpoint, `https://localhost:${port}/id/${CONTOSO}/oauth2/v2.0/token`);
    } finally {
      await tessera.close();
    }
  });

  it('creates the demo environment when asked (noDemo: false)', async () => {
    const tessera = await startTessera({ noDemo: false, dataDir: join(dir, 'demo') });
    try {
      assert.deepEqual(tessera.applications.map((a) => a.appId).sort(), Object.values(DEMO.applications).map((a) => a.appId).sort());
      assert.equal(tessera.authority(), `${tessera.url}/${DEMO.tenant.id}`);
      assert.equal(tessera.applications.find((a) => a.appId === DEMO.applications.daemon.appId)?.secret, DEMO.applications.daemon.secret);
      assert.ok(existsSync(join(dir, 'demo', DEMO.files.certificate)));
    } finally {
      await tessera.close();
    }
  });
});
