/**
 * Issue 6 item 8, through the real HTTPS server: the Basic challenge of a failed HTTP Basic client
 * authentication (RFC 6749 §5.2), the security headers of every HTML response, control
 * characters kept out of `error_description`, client assertions without `jti` refused (replay of
 * one stays allowed), and Graph refusing delegated tokens whose `oid` is not a user of the tenant.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertionForm, clientAssertion } from '../fixtures/certs/assertion.js';
import { createClientCertificate, type ClientCertificate } from '../fixtures/certs/client-certificate.js';
import { bootTessera, postForm } from '../helpers/tessera.js';

const TENANT = '5c0e0000-0000-4000-8000-0000000a8d01';
const DAEMON = '5c0e0000-0000-4000-8000-0000000a8d02';
const CERT_APP = '5c0e0000-0000-4000-8000-0000000a8d03';
const DISABLED = '5c0e0000-0000-4000-8000-0000000a8d04';
const USER = '5c0e0000-0000-4000-8000-0000000a8d05';
const SECRET = 'hardening-secret~0123456789abcdef';
const EVIL_NAME = 'Evil\r\nTrace ID: forged\u0007\u0085\u2028\u202eapp';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certificate: ClientCertificate;
let tokenUrl: string;

before(async () => {
  certificate = await createClientCertificate();
  tessera = await bootTessera({
    environment: {
      tenants: [
        {
          id: TENANT,
          domain: 'hardening',
          users: [{ id: USER, userPrincipalName: 'hanna', displayName: 'Hanna' }],
          applications: [
            { appId: DAEMON, displayName: 'Daemon', secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } },
            { appId: CERT_APP, displayName: 'Cert daemon', certificates: [{ pem: certificate.certificatePem }] },
            { appId: DISABLED, displayName: EVIL_NAME, secrets: [{ value: SECRET }], servicePrincipal: { accountEnabled: false } },
          ],
          consent: [{ application: 'Daemon' }],
        },
      ],
    },
  });
  tokenUrl = `${tessera.url}/${TENANT}/oauth2/v2.0/token`;
});
after(() => tessera.close());

const GRAPH_DEFAULT = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('WWW-Authenticate on failed HTTP Basic client authentication (RFC 6749 §5.2)', () => {
  it('answers a wrong Basic secret and a malformed Basic header with 401 and the Basic challenge', async () => {
    const wrong = await postForm(tokenUrl, GRAPH_DEFAULT, { authorization: basic(DAEMON, 'wrong-secret') });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body.error_codes, [7000215]);
    assert.equal(wrong.headers.get('www-authenticate'), 'Basic realm="Tessera", charset="UTF-8"');
    const malformed = await postForm(tokenUrl, GRAPH_DEFAULT, { authorization: 'Basic !!!' });
    assert.equal(malformed.status, 401);
    assert.deepEqual(malformed.body.error_codes, [50012]);
    assert.equal(malformed.headers.get('www-authenticate'), 'Basic realm="Tessera", charset="UTF-8"');
  });

  it('sends no challenge when the client did not use the Authorization header, nor on success', async () => {
    const post = await postForm(tokenUrl, { ...GRAPH_DEFAULT, client_id: DAEMON, client_secret: 'wrong-secret' });
    assert.equal(post.status, 401);
    assert.equal(post.headers.get('www-authenticate'), null);
    const ok = await postForm(tokenUrl, GRAPH_DEFAULT, { authorization: basic(DAEMON, SECRET) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.headers.get('www-authenticate'), null);
  });
});

describe('security headers of HTML responses', () => {
  it('gives the /error page (found and not found) no framing, no referrer, no caching', async () => {
    for (const [query, status] of [['code=7000215', 200], ['code=1', 404], ['', 404]] as const) {
      const response = await fetch(`${tessera.url}/error?${query}`);
      assert.equal(response.status, status);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(response.headers.get('content-security-policy'), "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      await response.text();
    }
  });

  it('leaves JSON responses their own caching headers', async () => {
    const response = await fetch(`${tessera.url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-frame-options'), null);
    await response.text();
  });
});

describe('control characters in error_description', () => {
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

  it("strips them from an app's display name, keeping Entra's own \\r\\n line breaks", async () => {
    const response = await postForm(tokenUrl, { ...GRAPH_DEFAULT, client_id: DISABLED, client_secret: SECRET });
    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.deepEqual(response.body.error_codes, [7000112]);
    const lines = (response.body.error_description as string).split('\r\n');
    assert.equal(lines[0], `AADSTS7000112: Application 'EvilTrace ID: forgedapp'(${DISABLED}) is disabled.`);
    assert.deepEqual(lines.slice(1).map((l) => l.split(':')[0]), ['Trace ID', 'Correlation ID', 'Timestamp']);
    assert.doesNotMatch(response.body.error_description as string, CONTROL);
  });

  it('strips them from a client_id the client sent', async () => {
    const response = await postForm(tokenUrl, { ...GRAPH_DEFAULT, client_id: 'nobody\r\nTrace ID: forged\u0000' });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error_codes, [700016]);
    const description = response.body.error_description as string;
    assert.match(description, /^AADSTS700016: Application with identifier 'nobodyTrace ID: forged' was not found/);
    assert.equal(description.split('\r\n').length, 4);
    assert.doesNotMatch(description, CONTROL);
  });
});

describe('client assertions without jti', () => {
  it('refuses an assertion without jti (or with an empty one) with 401 invalid_client AADSTS50027', async () => {
    for (const jti of [undefined, '']) {
      const assertion = await clientAssertion({ clientId: CERT_APP, aud: tokenUrl, certificate, payload: { jti } });
      const response = await postForm(tokenUrl, { ...GRAPH_DEFAULT, client_id: CERT_APP, ...assertionForm(assertion) });
      assert.equal(response.status, 401, JSON.stringify(response.body));
      assert.equal(response.body.error, 'invalid_client');
      assert.deepEqual(response.body.error_codes, [50027]);
    }
  });

  it('still accepts the same assertion twice within its lifetime (msal-node re-sends one for ten minutes)', async () => {
    const assertion = await clientAssertion({ clientId: CERT_APP, aud: tokenUrl, certificate });
    for (let i = 0; i < 2; i++) {
      const response = await postForm(tokenUrl, { ...GRAPH_DEFAULT, client_id: CERT_APP, ...assertionForm(assertion) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });
});

describe('Graph and delegated tokens', () => {
  const delegated = (oid: string) => {
    const now = Math.floor(Date.now() / 1000);
    return tessera.keys.signJwt(
      { aud: 'https://graph.microsoft.com', iss: `${tessera.url}/${TENANT}/`, iat: now, nbf: now, exp: now + 3600, tid: TENANT, ver: '1.0', appid: DAEMON, oid, sub: 'pairwise', scp: 'User.Read User.Read.All', idtyp: 'user' },
      { x5t: true },
    );
  };
  const get = async (path: string, token: string) => {
    const response = await fetch(`${tessera.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; id?: string } };
  };

  it('refuses a delegated token whose oid is no user of the tenant with 401 InvalidAuthenticationToken', async () => {
    for (const oid of ['5c0e0000-0000-4000-8000-0000000dead1', DAEMON, 'not-a-guid']) {
      const token = await delegated(oid);
      for (const path of ['/v1.0/me', `/v1.0/users/${USER}`, '/v1.0/organization']) {
        const response = await get(path, token);
        assert.equal(response.status, 401, `${oid} ${path}: ${JSON.stringify(response.body)}`);
        assert.deepEqual(response.body.error && [response.body.error.code, response.body.error.message], ['InvalidAuthenticationToken', 'Access token validation failure.']);
      }
    }
  });

  it("accepts a delegated token of a real user of the tenant", async () => {
    const response = await get('/v1.0/me', await delegated(USER.toUpperCase()));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.id, USER);
  });
});
