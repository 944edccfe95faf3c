/**
 * Client authentication at the token endpoint (protocol.md §4.1–4.3, spec/clients.md item 11),
 * through the real server: client_secret_post, client_secret_basic, private_key_jwt with
 * RS256/x5t and PS256/x5t#S256, and each refusal with its status and AADSTS code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { assertionForm, clientAssertion } from '../../fixtures/certs/assertion.js';
import { createCertificates, DAEMON, DAEMON_OLD_SECRET, DAEMON_SECRET, environment, TENANT_A, type Certificates } from '../client-credentials/client-credentials.config.js';

const HOUR = 3_600_000;
let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;
let token: string;
let clockOffset = 0;

before(async () => {
  certs = await createCertificates();
  // The daemon's old secret ends in an hour; one test moves the server clock past it.
  tessera = await bootTessera({ environment: environment(certs, { oldSecretEnd: new Date(Date.now() + HOUR).toISOString() }), now: () => new Date(Date.now() + clockOffset) });
  token = `${tessera.url}/${TENANT_A}/oauth2/v2.0/token`;
});
after(() => tessera.close());

const base = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' };

async function accepted(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await postForm(token, { ...base, ...form }, headers);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return decodeJwt(response.body.access_token as string);
}

async function refused(form: Record<string, string>, status: number, error: string, code: number, headers: Record<string, string> = {}) {
  const response = await postForm(token, { ...base, ...form }, headers);
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error, error);
  assert.deepEqual(response.body.error_codes, [code]);
  return response.body;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('client secrets', () => {
  it('accepts client_secret in the body and over HTTP Basic (appidacr 1)', async () => {
    assert.equal((await accepted({ client_id: DAEMON, client_secret: DAEMON_SECRET })).appidacr, '1');
    assert.equal((await accepted({}, { authorization: basic(DAEMON, DAEMON_SECRET) })).appidacr, '1');
    // client_id may also be in the body when it matches.
    assert.equal((await accepted({ client_id: DAEMON }, { authorization: basic(DAEMON, DAEMON_SECRET) })).appid, DAEMON);
  });

  it('refuses a wrong secret with 401 invalid_client AADSTS7000215, in the body and over Basic', async () => {
    const body = await refused({ client_id: DAEMON, client_secret: `${DAEMON_SECRET}x` }, 401, 'invalid_client', 7000215);
    assert.match(body.error_description as string, /^AADSTS7000215: Invalid client secret provided\./);
    await refused({}, 401, 'invalid_client', 7000215, { authorization: basic(DAEMON, 'nope') });
  });

  it('refuses an expired secret with AADSTS7000222, and still takes the current one', async () => {
    await accepted({ client_id: DAEMON, client_secret: DAEMON_OLD_SECRET });
    clockOffset = 2 * HOUR;
    try {
      await refused({ client_id: DAEMON, client_secret: DAEMON_OLD_SECRET }, 401, 'invalid_client', 7000222);
      await accepted({ client_id: DAEMON, client_secret: DAEMON_SECRET });
    } finally {
      clockOffset = 0;
    }
  });

  it('refuses a body client_id that differs from the Basic one, and two credentials at once', async () => {
    await refused({ client_id: '0d0d0d0d-0000-4000-8000-000000000000' }, 400, 'invalid_request', 9002313, { authorization: basic(DAEMON, DAEMON_SECRET) });
    await refused({ client_secret: DAEMON_SECRET }, 400, 'invalid_request', 9002313, { authorization: basic(DAEMON, DAEMON_SECRET) });
  });

  it('refuses a malformed Basic header with 401 invalid_client', async () => {
    await refused({}, 401, 'invalid_client', 50012, { authorization: 'Basic not*base64' });
  });
});

describe('certificate assertions (private_key_jwt)', () => {
  const assertion = (options: Partial<Parameters<typeof clientAssertion>[0]> = {}) =>
    clientAssertion({ clientId: DAEMON, aud: token, certificate: certs.current, ...options });

  it('accepts RS256 + x5t and PS256 + x5t#S256 (appidacr 2), with and without client_id, aud = endpoint or issuer', async () => {
    assert.equal((await accepted({ client_id: DAEMON, ...assertionForm(await assertion()) })).appidacr, '2');
    assert.equal((await accepted(assertionForm(await assertion({ alg: 'PS256' })))).appidacr, '2');
    await accepted(assertionForm(await assertion({ aud: `${tessera.url}/${TENANT_A}/v2.0` })));
    await accepted(assertionForm(await assertion({ header: { x5c: [certs.current.certificateBase64] } })));
  });

  it('accepts the same assertion (same jti) again within its lifetime', async () => {
    const jwt = await assertion();
    await accepted(assertionForm(jwt));
    await accepted(assertionForm(jwt));
  });

  it('accepts 5 minutes of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await accepted(assertionForm(await assertion({ now: now + 240 })));
    await accepted(assertionForm(await assertion({ now: now - 600, lifetimeSeconds: 360 })));
  });

  it('refuses an unregistered, expired or not-yet-valid certificate and a bad signature (AADSTS700027)', async () => {
    await refused(assertionForm(await assertion({ certificate: certs.stranger })), 401, 'invalid_client', 700027);
    await refused(assertionForm(await assertion({ certificate: certs.expired })), 401, 'invalid_client', 700027);
    await refused(assertionForm(await assertion({ certificate: certs.future })), 401, 'invalid_client', 700027);
    await refused(assertionForm(await assertion({ signWith: certs.stranger })), 401, 'invalid_client', 700027);
  });

  it('refuses an expired assertion (AADSTS700024)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = await refused(assertionForm(await assertion({ now: now - 1200, lifetimeSeconds: 600 })), 401, 'invalid_client', 700024);
    assert.match(body.error_description as string, /^AADSTS700024: Client assertion is not within its valid time range\./);
  });

  it('refuses a wrong audience (AADSTS700023) and an audience array (AADSTS5002741)', async () => {
    await refused(assertionForm(await assertion({ aud: `${tessera.url}/common/oauth2/v2.0/token` })), 401, 'invalid_client', 700023);
    await refused(assertionForm(await assertion({ aud: `${tessera.url}/${TENANT_A}/oauth2/token` })), 401, 'invalid_client', 700023);
    await refused(assertionForm(await assertion({ aud: [token, `${tessera.url}/${TENANT_A}/v2.0`] })), 401, 'invalid_client', 5002741);
  });

  it('refuses sub ≠ iss (AADSTS50048) and a client_id that is not the issuer (AADSTS700021)', async () => {
    await refused(assertionForm(await assertion({ payload: { sub: 'someone-else' } })), 401, 'invalid_client', 50048);
    await refused({ client_id: '0d0d0d0d-0000-4000-8000-000000000000', ...assertionForm(await assertion()) }, 401, 'invalid_client', 700021);
  });

  it('refuses a missing client_assertion_type and a foreign one', async () => {
    const jwt = await assertion();
    const missing = await refused({ client_assertion: jwt }, 400, 'invalid_request', 900144);
    assert.match(missing.error_description as string, /'client_assertion_type'/);
    await refused({ client_assertion: jwt, client_assertion_type: 'urn:example:other' }, 400, 'invalid_request', 9002313);
  });

  it('refuses an assertion that is not a JWT (AADSTS50027, invalid_client)', async () => {
    await refused(assertionForm('not.a.jwt'), 401, 'invalid_client', 50027);
  });

  it('refuses an assertion sent from a browser (AADSTS9002326)', async () => {
    await refused(assertionForm(await assertion()), 400, 'invalid_request', 9002326, { origin: 'https://app.example' });
  });
});
