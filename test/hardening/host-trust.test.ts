/**
 * A forged `Host` never becomes an issuer (issue 6 item 3): without `--public-url` the trusted
 * origins are the certificate's names on the port listened on; any other Host is refused with
 * 421 before routing, in the surface's error shape, and no token is minted. Graph accepts only
 * issuers on trusted origins; client-assertion audiences come only from the trusted base.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bootTessera } from '../helpers/tessera.js';
import { assertionForm, clientAssertion } from '../fixtures/certs/assertion.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';
import { form, httpsRequest } from './wire.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;
let port: number;
const tokenPath = `/${TENANT_A}/oauth2/v2.0/token`;
const secretForm = form({ grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' });
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
  port = tessera.port;
});
after(() => tessera.close());

const tokenWithHost = (host: string, body = secretForm) => httpsRequest(port, { method: 'POST', path: tokenPath, headers: { ...formHeaders, host }, body });

describe('Host trust without --public-url', () => {
  it('refuses a token request whose Host is not a trusted origin with 421, Entra JSON, and no token', async () => {
    for (const host of ['127.0.0.1:1', 'evil.example', `evil.example:${port}`, `localhost:${port + 1}`, 'localhost', `127.0.0.2:${port}`, `localhost.:${port}`]) {
      const response = await tokenWithHost(host);
      assert.equal(response.status, 421, host);
      const body = response.json();
      assert.equal(body.error, 'invalid_request', host);
      assert.deepEqual(body.error_codes, [9002313], host);
      assert.equal(body.access_token, undefined, host);
      assert.ok(!response.text.includes('evil') && !response.text.includes(':1/'), `the forged host is not echoed: ${response.text}`);
      assert.ok((body.error_uri as string).startsWith(`https://localhost:${port}/`), host);
    }
  });

  it('refuses discovery on a forged Host, so no foreign issuer is ever advertised', async () => {
    const response = await httpsRequest(port, { path: `/${TENANT_A}/v2.0/.well-known/openid-configuration`, headers: { host: '127.0.0.1:1' } });
    assert.equal(response.status, 421);
    assert.ok(!response.text.includes('127.0.0.1:1'));
  });

  it('answers Graph and unknown paths on a forged Host with 421 in their own shapes', async () => {
    const graph = await httpsRequest(port, { path: '/v1.0/organization', headers: { host: 'evil.example', authorization: 'Bearer x' } });
    assert.equal(graph.status, 421);
    assert.equal((graph.json().error as Record<string, unknown>).code, 'MisdirectedRequest');
    const unknown = await httpsRequest(port, { path: '/no/such/path', headers: { host: 'evil.example' } });
    assert.equal(unknown.status, 421);
    assert.equal(unknown.json().error, 'invalid_request');
  });

  it('answers the probes whatever the Host (orchestrators call them by pod address)', async () => {
    for (const path of ['/health', '/ready']) {
      const response = await httpsRequest(port, { path, headers: { host: '10.1.2.3:8443' } });
      assert.equal(response.status, 200, path);
    }
  });

  it('serves every legitimate spelling of its names on the listened port, each as its own issuer', async () => {
    const cases: Array<[string, string]> = [
      [`localhost:${port}`, `https://localhost:${port}`],
      [`127.0.0.1:${port}`, `https://127.0.0.1:${port}`],
      [`[::1]:${port}`, `https://[::1]:${port}`],
      [`LOCALHOST:${port}`, `https://localhost:${port}`],
    ];
    for (const [host, base] of cases) {
      const response = await tokenWithHost(host);
      assert.equal(response.status, 200, `${host}: ${response.text}`);
      const iss = decodeJwt(response.json().access_token as string).iss as string;
      assert.ok(iss.startsWith(`${base}/${TENANT_A}/`), `${host} → ${iss}`);
    }
  });

  it('Graph refuses a token signed by our own key whose issuer names an untrusted origin', async () => {
    const minted = await tokenWithHost(`localhost:${port}`);
    const claims = decodeJwt(minted.json().access_token as string);
    const call = (token: string) => httpsRequest(port, { path: '/v1.0/users', headers: { host: `localhost:${port}`, authorization: `Bearer ${token}` } });
    assert.equal((await call(minted.json().access_token as string)).status, 200);
    for (const base of ['https://127.0.0.1:1', `https://evil.example:${port}`, `http://localhost:${port}`]) {
      const forged = await tessera.keys.signJwt({ ...claims, iss: `${base}/${TENANT_A}/` });
      const response = await call(forged);
      assert.equal(response.status, 401, base);
      assert.equal((response.json().error as Record<string, unknown>).code, 'InvalidAuthenticationToken');
    }
  });

  it('refuses a client assertion whose aud names an untrusted origin (AADSTS700023)', async () => {
    const good = await clientAssertion({ clientId: DAEMON, aud: `https://localhost:${port}${tokenPath}`, certificate: certs.current });
    const base = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' };
    assert.equal((await tokenWithHost(`localhost:${port}`, form({ ...base, ...assertionForm(good) }))).status, 200);
    const forged = await clientAssertion({ clientId: DAEMON, aud: `https://127.0.0.1:1${tokenPath}`, certificate: certs.current });
    const response = await tokenWithHost(`localhost:${port}`, form({ ...base, ...assertionForm(forged) }));
    assert.equal(response.status, 401);
    assert.deepEqual(response.json().error_codes, [700023]);
  });
});

describe('Host trust with --public-url and allowedHosts', () => {
  let proxied: Awaited<ReturnType<typeof bootTessera>>;
  before(async () => {
    proxied = await bootTessera({ environment: environment(certs), publicUrl: 'https://login.contoso.test/tessera', config: { allowedHosts: ['tessera-upstream:8080'] } });
  });
  after(() => proxied.close());

  it('accepts the public host, its own names on the port and allowedHosts, all with the public issuer; refuses others', async () => {
    const path = `/tessera/${TENANT_A}/oauth2/v2.0/token`;
    for (const host of ['login.contoso.test', 'login.contoso.test:443', `127.0.0.1:${proxied.port}`, 'tessera-upstream:8080']) {
      const response = await httpsRequest(proxied.port, { method: 'POST', path, headers: { ...formHeaders, host }, body: secretForm });
      assert.equal(response.status, 200, `${host}: ${response.text}`);
      assert.equal(decodeJwt(response.json().access_token as string).iss, `https://login.contoso.test/tessera/${TENANT_A}/`);
    }
    for (const host of ['evil.example', 'login.contoso.test:8443', 'tessera-upstream']) {
      const response = await httpsRequest(proxied.port, { method: 'POST', path, headers: { ...formHeaders, host }, body: secretForm });
      assert.equal(response.status, 421, host);
    }
  });
});
