/**
 * The front channel's refusals, as a user or client sees them: error pages (never a redirect)
 * until client and redirect URI are trusted, redirected errors after; sign-in errors on the
 * page; and the code checks of grant_type=authorization_code (protocol.md §3.5, §5.1, §4.1).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { ALICE, ALICE_PASSWORD, CAROL, CAROL_PASSWORD, environment, EVIL_APP, PUBLIC_APP, SPA_APP, SPA_REDIRECT, TENANT, WEB_APP, WEB_SECRET } from './authorize.config.js';
import { FormClient, signInForCode } from './form-client.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
const CALLBACK = 'http://localhost:47321/callback';
const VERIFIER = 'v'.repeat(43) + 'erifier-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

before(async () => {
  tessera = await bootTessera({ environment: environment(CALLBACK) });
});
after(() => tessera.close());

const authorizeUrl = (params: Record<string, string>, tenant = TENANT) => `${tessera.url}/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams(params).toString()}`;
const webParams = (extra: Record<string, string> = {}) => ({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'User.Read openid offline_access', state: 's-1', ...extra });
const token = (form: Record<string, string>, headers: Record<string, string> = {}) => postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'authorization_code', ...form }, headers);

async function codeFor(params: Record<string, string>): Promise<string> {
  const landed = await signInForCode(new FormClient(), tessera.url, authorizeUrl(params), ALICE, ALICE_PASSWORD);
  const code = landed.searchParams.get('code');
  assert.ok(code, landed.toString());
  return code;
}

describe('errors before the redirect URI is trusted: the error page, never a redirect', () => {
  for (const [label, uri] of [
    ['a trailing slash', `${CALLBACK}/`],
    ['another case', CALLBACK.replace('callback', 'Callback')],
    ['an extra query', `${CALLBACK}?x=1`],
    ['encoded ../', 'http://localhost:47321/x/%2e%2e/callback'],
    ['userinfo', 'http://evil.example@localhost:47321/callback'],
    ['another port on a web URI', 'http://localhost:47322/callback'],
    ['another host', 'https://evil.example/callback'],
  ]) {
    it(`redirect URI with ${label} → AADSTS50011`, async () => {
      const page = await new FormClient().get(authorizeUrl(webParams({ redirect_uri: uri as string })));
      assert.equal(page.status, 400);
      assert.equal(page.location, null);
      assert.match(page.html, /AADSTS50011/);
    });
  }

  it('unknown client → AADSTS700016 page', async () => {
    const page = await new FormClient().get(authorizeUrl(webParams({ client_id: '7a000000-0000-4000-8000-0000000000ff' })));
    assert.equal(page.status, 400);
    assert.equal(page.location, null);
    assert.match(page.html, /AADSTS700016/);
  });
});

describe('errors after: redirected to the client with state', () => {
  const redirected = async (params: Record<string, string>) => {
    const page = await new FormClient().get(authorizeUrl(params));
    assert.equal(page.status, 302, page.html.slice(0, 300));
    const location = new URL(page.location ?? '');
    assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
    return location.searchParams;
  };

  it('prompt=none without a session → login_required (AADSTS50058)', async () => {
    const params = await redirected(webParams({ prompt: 'none' }));
    assert.equal(params.get('error'), 'login_required');
    assert.match(params.get('error_description') ?? '', /^AADSTS50058: /);
    assert.equal(params.get('state'), 's-1');
    assert.ok(params.get('trace_id') && params.get('correlation_id') && params.get('timestamp'));
  });

  it('resource on v2 → AADSTS901002; bad response_mode → AADSTS70007; id_token not enabled → AADSTS700054', async () => {
    assert.match((await redirected(webParams({ resource: 'https://graph.microsoft.com' }))).get('error_description') ?? '', /AADSTS901002/);
    assert.match((await redirected(webParams({ response_mode: 'bogus' }))).get('error_description') ?? '', /AADSTS70007/);
    const idToken = await new FormClient().get(authorizeUrl(webParams({ response_type: 'id_token', nonce: 'n' })));
    assert.equal(idToken.status, 302);
    const fragment = new URLSearchParams(new URL(idToken.location ?? '').hash.slice(1));
    assert.equal(fragment.get('error'), 'unsupported_response_type');
    assert.match(fragment.get('error_description') ?? '', /AADSTS700054/);
  });

  it('a malformed code_challenge → AADSTS501491', async () => {
    assert.match((await redirected(webParams({ code_challenge: 'short' }))).get('error_description') ?? '', /AADSTS501491/);
  });
});

describe('sign-in pages', () => {
  it('unknown user → AADSTS50034 on the page; wrong password → AADSTS50126', async () => {
    const client = new FormClient();
    const first = await client.get(authorizeUrl(webParams()));
    const unknown = await client.submit(tessera.url, first, { loginfmt: 'nobody@contoso.example' });
    assert.equal(unknown.status, 200);
    assert.match(unknown.html, /AADSTS50034/);
    const password = await client.submit(tessera.url, unknown, { loginfmt: ALICE });
    const wrong = await client.submit(tessera.url, password, { passwd: 'wrong' });
    assert.match(wrong.html, /AADSTS50126/);
  });

  it('an Admin-type scope for a non-admin: the "Need admin approval" page, then consent_required AADSTS90094 at the app', async () => {
    const client = new FormClient();
    let page = await client.get(authorizeUrl(webParams({ scope: 'openid User.Read.All' })));
    page = await client.submit(tessera.url, page, { loginfmt: ALICE });
    page = await client.submit(tessera.url, page, { passwd: ALICE_PASSWORD });
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Need admin approval<\/h1>/);
    assert.doesNotMatch(page.html, /value="accept"/);
    // An Accept forged onto that flow grants nothing: the app gets the same error.
    const forged = await client.submit(tessera.url, page, { decision: 'accept' });
    assert.equal(new URL(forged.location ?? '').searchParams.get('error_codes'), '90094');
    page = await client.submit(tessera.url, page, { decision: 'return' });
    assert.equal(page.status, 302);
    const location = new URL(page.location ?? '');
    assert.equal(location.searchParams.get('error'), 'consent_required');
    assert.equal(location.searchParams.get('error_codes'), '90094');
  });

  it('ten wrong passwords lock the account (AADSTS50053), even for the right password then', async () => {
    const client = new FormClient();
    let page = await client.get(authorizeUrl(webParams()));
    page = await client.submit(tessera.url, page, { loginfmt: CAROL });
    for (let i = 1; i <= 9; i++) {
      page = await client.submit(tessera.url, page, { passwd: `wrong-${i}` });
      assert.match(page.html, /AADSTS50126/, `attempt ${i}`);
    }
    page = await client.submit(tessera.url, page, { passwd: 'wrong-10' });
    assert.match(page.html, /AADSTS50053/);
    page = await client.submit(tessera.url, page, { passwd: CAROL_PASSWORD });
    assert.match(page.html, /AADSTS50053/);
    assert.equal(page.status, 200);
  });

  it('a form POST without its CSRF token (or from another browser) is refused', async () => {
    const client = new FormClient();
    const first = await client.get(authorizeUrl(webParams()));
    const without = await client.submit(tessera.url, first, { loginfmt: ALICE, csrf: '' });
    assert.equal(without.status, 400);
    assert.match(without.html, /AADSTS90023/);
    const other = new FormClient();
    await other.get(authorizeUrl(webParams()));
    const stolen = await other.submit(tessera.url, first, { loginfmt: ALICE });
    assert.match(stolen.html, /AADSTS90023/);
  });

  it('the consent POST without its CSRF token is refused and records nothing', async () => {
    const client = new FormClient();
    let page = await client.get(authorizeUrl({ ...webParams(), client_id: EVIL_APP }));
    page = await client.submit(tessera.url, page, { loginfmt: ALICE });
    page = await client.submit(tessera.url, page, { passwd: ALICE_PASSWORD });
    assert.match(page.html, /value="accept"/);
    const refused = await client.submit(tessera.url, page, { decision: 'accept', csrf: 'x'.repeat(43) });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /AADSTS90023/);
    const cancelled = await client.submit(tessera.url, page, { decision: 'cancel' });
    assert.equal(cancelled.status, 302);
    const params = new URL(cancelled.location ?? '').searchParams;
    assert.equal(params.get('error'), 'access_denied');
    assert.match(params.get('error_description') ?? '', /AADSTS65004/);
  });
});

describe('grant_type=authorization_code checks', () => {
  it('PKCE: missing verifier, wrong verifier, verifier without a challenge', async () => {
    const missing = await token({ client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })), redirect_uri: CALLBACK });
    assert.deepEqual(missing.body.error_codes, [900144]);
    const wrong = await token({ client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })), redirect_uri: CALLBACK, code_verifier: `${VERIFIER}x` });
    assert.equal(wrong.body.error, 'invalid_grant');
    assert.deepEqual(wrong.body.error_codes, [501481]);
    const downgrade = await token({ client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams()), redirect_uri: CALLBACK, code_verifier: VERIFIER });
    assert.deepEqual(downgrade.body.error_codes, [501481]);
  });

  it('another client, another redirect URI, another tenant, no secret', async () => {
    const other = await token({ client_id: EVIL_APP, client_secret: WEB_SECRET, code: await codeFor(webParams()), redirect_uri: CALLBACK });
    assert.equal(other.body.error, 'invalid_grant');
    assert.deepEqual(other.body.error_codes, [70000]);
    const redirect = await token({ client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams()), redirect_uri: 'http://localhost:47321/other' });
    assert.deepEqual(redirect.body.error_codes, [500112]);
    const tenant = await postForm(`${tessera.url}/common/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams()), redirect_uri: CALLBACK });
    assert.deepEqual(tenant.body.error_codes, [700005]);
    const noSecret = await token({ client_id: WEB_APP, code: await codeFor(webParams()), redirect_uri: CALLBACK });
    assert.deepEqual(noSecret.body.error_codes, [7000218]);
    const fromBrowser = await token({ client_id: WEB_APP, client_secret: WEB_SECRET, code: await codeFor(webParams()), redirect_uri: CALLBACK }, { origin: 'https://app.example' });
    assert.deepEqual(fromBrowser.body.error_codes, [9002326]);
  });

  it('a public client: no secret needed, a secret refused (AADSTS700025), loopback on any port', async () => {
    const params = { client_id: PUBLIC_APP, response_type: 'code', redirect_uri: 'http://localhost:51234', scope: 'openid offline_access User.Read', code_challenge: CHALLENGE, code_challenge_method: 'S256' };
    const refused = await token({ client_id: PUBLIC_APP, client_secret: 'anything', code: await codeFor(params), redirect_uri: 'http://localhost:51234', code_verifier: VERIFIER });
    assert.deepEqual(refused.body.error_codes, [700025]);
    const ok = await token({ client_id: PUBLIC_APP, code: await codeFor(params), redirect_uri: 'http://localhost:51234', code_verifier: VERIFIER, client_info: '1' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.scope, 'User.Read openid offline_access');
    assert.ok(ok.body.refresh_token && ok.body.id_token && ok.body.client_info);
  });

  it('a SPA: PKCE required at /authorize, redemption only cross-origin, CORS on the response', async () => {
    const params = { client_id: SPA_APP, response_type: 'code', redirect_uri: SPA_REDIRECT, scope: 'openid User.Read', state: 's-spa' };
    const noPkce = await new FormClient().get(authorizeUrl(params));
    assert.equal(noPkce.status, 302);
    assert.match(new URL(noPkce.location ?? '').searchParams.get('error_description') ?? '', /AADSTS9002324/);
    const withPkce = { ...params, code_challenge: CHALLENGE, code_challenge_method: 'S256' };
    const sameOrigin = await token({ client_id: SPA_APP, code: await codeFor(withPkce), redirect_uri: SPA_REDIRECT, code_verifier: VERIFIER });
    assert.deepEqual(sameOrigin.body.error_codes, [9002327]);
    const cors = await token({ client_id: SPA_APP, code: await codeFor(withPkce), redirect_uri: SPA_REDIRECT, code_verifier: VERIFIER }, { origin: 'https://spa.example' });
    assert.equal(cors.status, 200, JSON.stringify(cors.body));
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://spa.example');
    assert.equal(cors.body.refresh_token, undefined, 'no offline_access asked');
  });
});
