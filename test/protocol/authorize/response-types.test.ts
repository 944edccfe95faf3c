/**
 * Response types and modes beyond `code` + query (protocol.md §3.2–3.4), the v1 authorize
 * endpoint with `resource=` (§9.1), `prompt` and the account picker (§3.1), and tenant aliases
 * with the app's signInAudience (§2.2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { leftHalfHash } from '../../../src/tokens/claims/id-token.js';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { ALICE, ALICE_PASSWORD, CAROL, CAROL_PASSWORD, DAVE, DAVE_PASSWORD, environment, EVIL_APP, IMPLICIT_APP, MULTI_APP, TENANT, WEB_APP, WEB_SECRET } from './authorize.config.js';
import { FormClient, hiddenFields, signInForCode, type PageResponse } from './form-client.js';

const CALLBACK = 'http://localhost:47500/callback';
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(CALLBACK) });
});
after(() => tessera.close());

const url = (params: Record<string, string>, path = `${TENANT}/oauth2/v2.0/authorize`) => `${tessera.url}/${path}?${new URLSearchParams(params).toString()}`;

async function signInPages(client: FormClient, start: string, username: string, password: string): Promise<PageResponse> {
  let page = await client.get(start);
  if (page.html.includes('name="loginfmt"')) page = await client.submit(tessera.url, page, { loginfmt: username });
  if (page.html.includes('name="passwd"')) page = await client.submit(tessera.url, page, { passwd: password });
  if (page.html.includes('value="accept"')) page = await client.submit(tessera.url, page, { decision: 'accept' });
  return page;
}

describe('response types', () => {
  it('code id_token with form_post: the page posts code, id_token (c_hash, nonce) and state', async () => {
    const page = await signInPages(new FormClient(), url({ client_id: IMPLICIT_APP, response_type: 'code id_token', response_mode: 'form_post', redirect_uri: CALLBACK, scope: 'openid profile', nonce: 'n-h', state: 's-h' }), ALICE, ALICE_PASSWORD);
    assert.equal(page.status, 200);
    assert.match(page.html, new RegExp(`<form method="post" action="${CALLBACK}"`));
    const fields = hiddenFields(page.html);
    assert.ok(fields.code && fields.id_token && fields.session_state);
    assert.equal(fields.state, 's-h');
    const claims = decodeJwt(fields.id_token);
    assert.equal(claims.nonce, 'n-h');
    assert.equal(claims.c_hash, leftHalfHash(fields.code));
  });

  it('id_token token in the fragment: access token and an ID token with at_hash', async () => {
    const page = await signInPages(new FormClient(), url({ client_id: IMPLICIT_APP, response_type: 'id_token token', redirect_uri: CALLBACK, scope: 'openid User.Read', nonce: 'n-i' }), ALICE, ALICE_PASSWORD);
    assert.equal(page.status, 302);
    const fragment = new URLSearchParams(new URL(page.location ?? '').hash.slice(1));
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(decodeJwt(fragment.get('access_token') ?? '').scp, 'User.Read openid');
    assert.equal(decodeJwt(fragment.get('id_token') ?? '').at_hash, leftHalfHash(fragment.get('access_token') ?? ''));
  });

  it('refused: id_token in the query (AADSTS70007), token for an app that does not enable it (AADSTS70005)', async () => {
    const query = await new FormClient().get(url({ client_id: IMPLICIT_APP, response_type: 'id_token', response_mode: 'query', redirect_uri: CALLBACK, scope: 'openid', nonce: 'n' }));
    assert.match(new URL(query.location ?? '').searchParams.get('error_description') ?? '', /AADSTS70007/);
    const token = await new FormClient().get(url({ client_id: WEB_APP, response_type: 'token', redirect_uri: CALLBACK, scope: 'User.Read' }));
    const fragment = new URLSearchParams(new URL(token.location ?? '').hash.slice(1));
    assert.equal(fragment.get('error'), 'unsupported_response_type');
    assert.match(fragment.get('error_description') ?? '', /AADSTS70005/);
  });
});

describe('hybrid and implicit for an app that does not enable them', () => {
  it('code id_token + form_post → AADSTS700054 posted to the app; id_token token → AADSTS700054 in the fragment', async () => {
    // protocol.md §3.2: the error goes back in the requested response mode, before any sign-in.
    const hybrid = await new FormClient().get(url({ client_id: WEB_APP, response_type: 'code id_token', response_mode: 'form_post', redirect_uri: CALLBACK, scope: 'openid', nonce: 'n', state: 's-x' }));
    assert.equal(hybrid.status, 200);
    assert.match(hybrid.html, new RegExp(`<form method="post" action="${CALLBACK}"`));
    const posted = hiddenFields(hybrid.html);
    assert.equal(posted.error, 'unsupported_response_type');
    // hiddenFields gives attribute text as written: the quotes are HTML-escaped in the page.
    assert.match(posted.error_description ?? '', /^AADSTS700054: response_type &#39;id_token&#39; is not enabled for the application\./);
    assert.equal(posted.state, 's-x');
    assert.equal(posted.code, undefined);
    assert.equal(posted.id_token, undefined);

    const implicit = await new FormClient().get(url({ client_id: WEB_APP, response_type: 'id_token token', redirect_uri: CALLBACK, scope: 'openid User.Read', nonce: 'n' }));
    assert.equal(implicit.status, 302);
    const fragment = new URLSearchParams(new URL(implicit.location ?? '').hash.slice(1));
    assert.equal(fragment.get('error'), 'unsupported_response_type');
    assert.match(fragment.get('error_description') ?? '', /^AADSTS700054: /);
    assert.equal(fragment.get('access_token'), null);
  });
});

describe('v1 /oauth2/authorize with resource', () => {
  it('issues a code redeemed at the v1 token endpoint for the resource', async () => {
    const landed = await signInForCode(new FormClient(), tessera.url, url({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, resource: 'https://graph.microsoft.com' }, `${TENANT}/oauth2/authorize`), ALICE, ALICE_PASSWORD);
    const code = landed.searchParams.get('code');
    assert.ok(code, landed.toString());
    const response = await postForm(`${tessera.url}/${TENANT}/oauth2/token`, { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK, resource: 'https://graph.microsoft.com' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.resource, 'https://graph.microsoft.com');
    assert.equal(typeof response.body.expires_in, 'string');
    assert.ok(response.body.refresh_token && response.body.id_token);
    assert.equal(decodeJwt(response.body.access_token as string).aud, 'https://graph.microsoft.com');
  });
});

describe('instance_aware (protocol.md §3.1, §3.4)', () => {
  it('adds the cloud host names to the response when asked, and only then', async () => {
    const params = { client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid User.Read', client_info: '1' };
    const host = new URL(tessera.url);
    const aware = await signInForCode(new FormClient(), tessera.url, url({ ...params, instance_aware: 'true' }), ALICE, ALICE_PASSWORD);
    assert.equal(aware.searchParams.get('cloud_instance_name'), host.hostname);
    assert.equal(aware.searchParams.get('cloud_instance_host_name'), host.host);
    assert.equal(aware.searchParams.get('cloud_graph_host_name'), host.hostname);
    assert.equal(aware.searchParams.get('msgraph_host'), host.host);
    assert.ok(aware.searchParams.get('client_info'));
    const plain = await signInForCode(new FormClient(), tessera.url, url(params), ALICE, ALICE_PASSWORD);
    assert.ok(plain.searchParams.get('code'));
    assert.equal(plain.searchParams.get('cloud_instance_name'), null);
  });
});

describe('prompt, SSO and the account picker', () => {
  it('two accounts: the picker without a hint, silent with login_hint; prompt=login asks again', async () => {
    const client = new FormClient();
    const params = { client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' };
    await signInForCode(client, tessera.url, url(params), ALICE, ALICE_PASSWORD);
    await signInForCode(client, tessera.url, url({ ...params, prompt: 'login' }), CAROL, CAROL_PASSWORD);
    const picker = await client.get(url(params));
    assert.equal(picker.status, 200);
    assert.match(picker.html, /name="account"/);
    assert.match(picker.html, new RegExp(ALICE.replace('.', '\\.')));
    assert.match(picker.html, new RegExp(CAROL.replace('.', '\\.')));
    const hinted = await client.get(url({ ...params, login_hint: CAROL }));
    assert.equal(hinted.status, 302);
    const none = await client.get(url({ ...params, prompt: 'none' }));
    assert.equal(new URL(none.location ?? '').searchParams.get('error'), 'login_required', 'several accounts and no hint');
    const login = await client.get(url({ ...params, prompt: 'login', login_hint: ALICE }));
    assert.match(login.html, /name="loginfmt"/);
  });

  it('prompt=consent shows consent again; max_age=0 asks for the password again', async () => {
    const client = new FormClient();
    const params = { client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' };
    await signInForCode(client, tessera.url, url(params), ALICE, ALICE_PASSWORD);
    const consent = await client.get(url({ ...params, prompt: 'consent' }));
    assert.match(consent.html, /value="accept"/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await client.get(url({ ...params, max_age: '0', login_hint: ALICE }));
    assert.match(fresh.html, /name="passwd"/);
  });

  it('prompt=none without consent → consent_required (AADSTS65001)', async () => {
    const client = new FormClient();
    await signInForCode(client, tessera.url, url({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' }), ALICE, ALICE_PASSWORD);
    const page = await client.get(url({ client_id: EVIL_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid', prompt: 'none' }));
    const params = new URL(page.location ?? '').searchParams;
    assert.equal(params.get('error'), 'consent_required');
    assert.match(params.get('error_description') ?? '', /AADSTS65001/);
  });
});

describe('tenant aliases and signInAudience', () => {
  it("another tenant's user on this tenant's single-tenant app → AADSTS50020 on the page", async () => {
    const client = new FormClient();
    const first = await client.get(url({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' }));
    const page = await client.submit(tessera.url, first, { loginfmt: DAVE });
    assert.match(page.html, /AADSTS50020/);
  });

  it('a multi-tenant app: a Fabrikam user consents on /common; the service principal appears in Fabrikam', async () => {
    const landed = await signInForCode(new FormClient(), tessera.url, url({ client_id: MULTI_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid User.Read' }, 'common/oauth2/v2.0/authorize'), DAVE, DAVE_PASSWORD);
    const code = landed.searchParams.get('code');
    assert.ok(code, landed.toString());
    const response = await postForm(`${tessera.url}/common/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: MULTI_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const claims = decodeJwt(response.body.access_token as string);
    assert.notEqual(claims.tid, TENANT);
    assert.equal(claims.scp, 'User.Read openid');
  });

  it('.default asks consent for the static permissions and the token carries them', async () => {
    const landed = await signInForCode(new FormClient(), tessera.url, url({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'https://graph.microsoft.com/.default openid' }), CAROL, CAROL_PASSWORD);
    const response = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code: landed.searchParams.get('code') ?? '', redirect_uri: CALLBACK });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(decodeJwt(response.body.access_token as string).scp, 'User.Read openid');
    assert.equal(response.body.scope, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/.default openid');
  });

  it('a single-tenant app on /common → AADSTS50194', async () => {
    const page = await new FormClient().get(url({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' }, 'common/oauth2/v2.0/authorize'));
    assert.match(new URL(page.location ?? '').searchParams.get('error_description') ?? '', /AADSTS50194/);
  });

  it('a multi-tenant app on /organizations finds the user by UPN domain; the code redeems on /organizations', async () => {
    const landed = await signInForCode(new FormClient(), tessera.url, url({ client_id: MULTI_APP, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid User.Read' }, 'organizations/oauth2/v2.0/authorize'), ALICE, ALICE_PASSWORD);
    const code = landed.searchParams.get('code');
    assert.ok(code, landed.toString());
    const response = await postForm(`${tessera.url}/organizations/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: MULTI_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(decodeJwt(response.body.access_token as string).tid, TENANT);
  });
});
