/**
 * Admin consent endpoints (protocol.md §6; scenarios 001 and 002) through real Chromium: before
 * consent a multi-tenant daemon gets AADSTS700016 in the customer tenant; the customer's Global
 * Administrator completes /adminconsent (legacy and v2.0 forms); the redirect carries exactly
 * Entra's parameters; client credentials then return `roles` and Graph answers. Cancel, a
 * non-admin, a Cloud Application Administrator facing Graph app roles, a missing CSRF token,
 * unregistered redirect URIs and a hostile app name change nothing and redirect nowhere unsafe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { forbidDialogs, newContext, screenshot } from '../../helpers/browser.js';
import { postForm } from '../../helpers/tessera.js';
import type { Callback } from '../authorize/callback-listener.js';
import { browserSuite, type BrowserSuite } from '../authorize/browser-suite.js';
import {
  ADMIN, ADMIN_PASSWORD, CANCEL_APP, CLOUD_ADMIN, DAEMON, DAEMON_V2, DELEGATED_APP, DYNAMIC_APP, environment, ERIN, EVIL_APP, EVIL_NAME, JOBS_URI, PASSWORD, SECRET, TENANT_B,
} from './admin-consent.config.js';

let tessera: BrowserSuite['tessera'];
let callback: Callback;
let browser: Browser;
browserSuite(environment, (suite) => ({ tessera, callback, browser } = suite));

function clientCredentials(clientId: string, scope = 'https://graph.microsoft.com/.default') {
  return postForm(`${tessera.url}/${TENANT_B}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: clientId, client_secret: SECRET, scope });
}

function adminConsentUrl(tenant: string, params: Record<string, string>, v2 = false): string {
  return `${tessera.url}/${tenant}/${v2 ? 'v2.0/' : ''}adminconsent?${new URLSearchParams(params).toString()}`;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=loginfmt]', username);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=passwd]');
  await page.fill('input[name=passwd]', password);
  await page.click('button[type=submit]');
}

/** A fresh browser signed in as `username` on the admin consent request, left on the page that follows. */
async function openAsUser(url: string, username: string, password: string): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const dialogs = forbidDialogs(page);
  await page.goto(url);
  await signIn(page, username, password);
  await page.waitForLoadState('load');
  return { context, page, dialogs };
}

async function assertNoConsent(clientId: string): Promise<void> {
  const { status, body } = await clientCredentials(clientId);
  assert.equal(status, 400);
  assert.equal(body.error, 'unauthorized_client');
  assert.deepEqual(body.error_codes, [700016]);
}

describe('GET /{tenant}/adminconsent (scenario 001)', () => {
  it('before consent: AADSTS700016; the admin consents; redirect tenant/state/admin_consent; roles; Graph answers', async () => {
    await assertNoConsent(DAEMON);
    const { context, page, dialogs } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: DAEMON, state: '12345', redirect_uri: callback.url }), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=accept]');
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /Archiver Daemon/);
    assert.match(text, /Read all users' full profiles/);
    assert.match(text, /Microsoft Graph · Application/);
    assert.match(text, /Microsoft Graph · Delegated/);
    assert.match(text, /for all users in Fabrikam/);
    await screenshot(page, 'admin-consent');
    const landed = callback.next();
    await page.click('button[value=accept]');
    const params = await landed;
    // Scenario 001: `?tenant=<GUID>&state=12345&admin_consent=True`, in that order.
    assert.deepEqual([...params.entries()], [['tenant', TENANT_B], ['state', '12345'], ['admin_consent', 'True']]);

    const { status, body } = await clientCredentials(DAEMON);
    assert.equal(status, 200, JSON.stringify(body));
    const claims = decodeJwt(body.access_token as string);
    assert.equal(claims.tid, TENANT_B);
    assert.deepEqual(claims.roles, ['User.Read.All']);
    const users = await fetch(`${tessera.url}/v1.0/users`, { headers: { authorization: `Bearer ${body.access_token as string}` } });
    assert.equal(users.status, 200);
    const names = ((await users.json()) as { value: Array<{ userPrincipalName: string }> }).value.map((u) => u.userPrincipalName).sort();
    assert.deepEqual(names, [ADMIN, CLOUD_ADMIN, ERIN].sort());

    // SSO: the admin, already signed in, goes straight to the page on the next request (/common → own tenant).
    const again = callback.next();
    await page.goto(adminConsentUrl('common', { client_id: DAEMON, state: 's2', redirect_uri: callback.url }));
    await page.click('button[value=accept]');
    assert.deepEqual([...(await again).entries()], [['tenant', TENANT_B], ['state', 's2'], ['admin_consent', 'True']]);
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  it('Cancel → access_denied (AADSTS65004) with state at the redirect URI; nothing granted', async () => {
    const { context, page } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: CANCEL_APP, state: 'c-1', redirect_uri: callback.url }), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=cancel]');
    const landed = callback.next();
    await page.click('button[value=cancel]');
    const params = await landed;
    assert.equal(params.get('error'), 'access_denied');
    assert.match(params.get('error_description') ?? '', /^AADSTS65004: /);
    assert.equal(params.get('state'), 'c-1');
    assert.equal(params.get('admin_consent'), null);
    await assertNoConsent(CANCEL_APP);
    await context.close();
  });

  it('a user without an admin role is refused (AADSTS90094 page), nothing granted', async () => {
    const { context, page } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: CANCEL_APP, state: 'n-1', redirect_uri: callback.url }), ERIN, PASSWORD);
    assert.equal(await page.locator('button[value=accept]').count(), 0);
    assert.match((await page.textContent('main')) ?? '', /AADSTS90094: The grant requires admin permission\. 'Declined App' needs permission/);
    assert.ok(!page.url().startsWith(callback.url));
    await assertNoConsent(CANCEL_APP);
    await context.close();
  });

  it("a Cloud Application Administrator may grant delegated permissions, not Microsoft Graph's app roles", async () => {
    const refused = await openAsUser(adminConsentUrl(TENANT_B, { client_id: CANCEL_APP, redirect_uri: callback.url }), CLOUD_ADMIN, PASSWORD);
    assert.match((await refused.page.textContent('main')) ?? '', /AADSTS90094/);
    await refused.context.close();
    const allowed = await openAsUser(adminConsentUrl(TENANT_B, { client_id: DELEGATED_APP, state: 'd-1', redirect_uri: callback.url }), CLOUD_ADMIN, PASSWORD);
    await allowed.page.waitForSelector('button[value=accept]');
    const landed = callback.next();
    await allowed.page.click('button[value=accept]');
    assert.equal((await landed).get('admin_consent'), 'True');
    await allowed.context.close();
    // Erin now signs in to the app for the admin-only User.Read.All without any consent page.
    const erin = await newContext(browser);
    const page = await erin.newPage();
    const code = callback.next();
    await page.goto(`${tessera.url}/${TENANT_B}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DELEGATED_APP, response_type: 'code', redirect_uri: callback.url, scope: 'User.Read.All' })}`);
    await signIn(page, ERIN, PASSWORD);
    assert.ok((await code).get('code'));
    await erin.close();
  });

  it('a POST without (or with another) CSRF token is refused and grants nothing; the flow is single use', async () => {
    const { context, page } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: CANCEL_APP, state: 'x', redirect_uri: callback.url }), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=accept]');
    const action = await page.getAttribute('form', 'action');
    const flow = (await page.getAttribute('input[name=flow]', 'value')) as string;
    const csrf = (await page.getAttribute('input[name=csrf]', 'value')) as string;
    const post = (form: Record<string, string>) => context.request.post(new URL(action as string, tessera.url).toString(), { form, maxRedirects: 0 });
    const forged: Array<Record<string, string>> = [{ flow, decision: 'accept' }, { flow, decision: 'accept', csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` }];
    for (const form of forged) {
      const response = await post(form);
      assert.equal(response.status(), 400);
      assert.equal(response.headers().location, undefined);
      assert.match(await response.text(), /AADSTS90023/);
    }
    // Another browser session's token is not this one's either.
    const other = await newContext(browser);
    const stolen = await other.request.post(new URL(action as string, tessera.url).toString(), { form: { flow, csrf, decision: 'accept' }, maxRedirects: 0 });
    assert.equal(stolen.status(), 400);
    await other.close();
    await assertNoConsent(CANCEL_APP);
    const ok = await post({ flow, csrf, decision: 'cancel' });
    assert.equal(ok.status(), 302);
    const replay = await post({ flow, csrf, decision: 'accept' });
    assert.equal(replay.status(), 400);
    await assertNoConsent(CANCEL_APP);
    await context.close();
  });

  it('an app named <img src=x onerror=alert(1)> is inert on the page', async () => {
    const { context, page, dialogs } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: EVIL_APP, redirect_uri: callback.url }), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=accept]');
    assert.equal(await page.locator('main img').count(), 0);
    assert.match((await page.textContent('.app .name')) ?? '', /^<img src=x onerror=alert\(1\)>$/);
    await screenshot(page, 'admin-consent-hostile-name');
    assert.deepEqual(dialogs, []);
    assert.ok(EVIL_NAME.includes('onerror'));
    await context.close();
  });
});

describe('GET /{tenant}/v2.0/adminconsent (scenario 002)', () => {
  it('scope=https://graph.microsoft.com/.default on /organizations: every static permission, Graph and the custom API', async () => {
    await assertNoConsent(DAEMON_V2);
    const scope = 'https://graph.microsoft.com/.default';
    const { context, page } = await openAsUser(adminConsentUrl('organizations', { client_id: DAEMON_V2, scope, state: 'v2-1', redirect_uri: callback.url }, true), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=accept]');
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /Read all groups/);
    assert.match(text, /Run jobs/);
    assert.match(text, /Jobs API · Application/);
    const landed = callback.next();
    await page.click('button[value=accept]');
    // protocol.md §6.2: admin_consent, tenant (GUID), the scope granted, state.
    assert.deepEqual([...(await landed).entries()], [['admin_consent', 'True'], ['tenant', TENANT_B], ['scope', scope], ['state', 'v2-1']]);
    await context.close();
    const graph = await clientCredentials(DAEMON_V2);
    assert.equal(graph.status, 200, JSON.stringify(graph.body));
    assert.deepEqual(decodeJwt(graph.body.access_token as string).roles, ['Group.Read.All']);
    const groups = await fetch(`${tessera.url}/v1.0/groups`, { headers: { authorization: `Bearer ${graph.body.access_token as string}` } });
    assert.equal(groups.status, 200);
    const jobs = await clientCredentials(DAEMON_V2, `${JOBS_URI}/.default`);
    assert.equal(jobs.status, 200, JSON.stringify(jobs.body));
    assert.deepEqual(decodeJwt(jobs.body.access_token as string).roles, ['Jobs.Run']);
  });

  it("a custom API's named scope: an AllPrincipals grant, so a non-admin then signs in without a consent page", async () => {
    const scope = `${JOBS_URI}/access_as_user openid`;
    const { context, page } = await openAsUser(adminConsentUrl(TENANT_B, { client_id: DYNAMIC_APP, scope, state: 'v2-2', redirect_uri: callback.url }, true), ADMIN, ADMIN_PASSWORD);
    await page.waitForSelector('button[value=accept]');
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /Access Jobs API/);
    assert.match(text, /Sign users in/);
    const landed = callback.next();
    await page.click('button[value=accept]');
    assert.deepEqual([...(await landed).entries()], [['admin_consent', 'True'], ['tenant', TENANT_B], ['scope', scope], ['state', 'v2-2']]);
    await context.close();

    const erin = await newContext(browser);
    const erinPage = await erin.newPage();
    const code = callback.next();
    await erinPage.goto(`${tessera.url}/${TENANT_B}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DYNAMIC_APP, response_type: 'code', redirect_uri: callback.url, scope: `${JOBS_URI}/access_as_user` })}`);
    await signIn(erinPage, ERIN, PASSWORD);
    const issued = (await code).get('code');
    assert.ok(issued);
    await erin.close();
    const redeemed = await postForm(`${tessera.url}/${TENANT_B}/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: DYNAMIC_APP, client_secret: SECRET, code: issued, redirect_uri: callback.url, scope: `${JOBS_URI}/access_as_user` });
    assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
    assert.equal(decodeJwt(redeemed.body.access_token as string).scp, 'access_as_user');
  });
});

describe('admin consent request errors (no sign-in needed)', () => {
  const get = (url: string) => fetch(url, { redirect: 'manual' });

  it('an unregistered redirect_uri: the AADSTS50011 page, never a redirect', async () => {
    for (const url of [adminConsentUrl(TENANT_B, { client_id: DAEMON, redirect_uri: 'https://evil.example/steal' }), adminConsentUrl(TENANT_B, { client_id: DAEMON, scope: 'openid', redirect_uri: `${callback.url}/x` }, true)]) {
      const response = await get(url);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await response.text(), /AADSTS50011/);
    }
  });

  it('an unknown client: AADSTS700016 page; no client_id: AADSTS900144 page; a repeated parameter: AADSTS9002313', async () => {
    const cases: Array<[string, RegExp]> = [
      [adminConsentUrl(TENANT_B, { client_id: '7b000000-0000-4000-8000-0000000000ff', redirect_uri: callback.url }), /AADSTS700016/],
      [adminConsentUrl(TENANT_B, { redirect_uri: callback.url }), /AADSTS900144: The request body must contain the following parameter: &#39;client_id&#39;|AADSTS900144/],
      [`${adminConsentUrl(TENANT_B, { client_id: DAEMON, redirect_uri: callback.url })}&client_id=${DAEMON}`, /AADSTS9002313/],
      [adminConsentUrl('nosuch.example', { client_id: DAEMON, redirect_uri: callback.url }), /AADSTS90002/],
      [adminConsentUrl('common', { client_id: DAEMON, scope: 'openid', redirect_uri: callback.url }, true), /AADSTS90130/],
      [adminConsentUrl('consumers', { client_id: DAEMON, redirect_uri: callback.url }), /AADSTS90130/],
    ];
    for (const [url, expected] of cases) {
      const response = await get(url);
      assert.equal(response.status, 400, url);
      assert.equal(response.headers.get('location'), null, url);
      assert.match(await response.text(), expected, url);
    }
  });

  it('v2.0 without scope, or with an unknown scope: the error goes to the registered redirect URI with state', async () => {
    const missing = await get(adminConsentUrl(TENANT_B, { client_id: DAEMON, state: 'm', redirect_uri: callback.url }, true));
    assert.equal(missing.status, 302);
    const m = new URL(missing.headers.get('location') as string);
    assert.equal(`${m.origin}${m.pathname}`, callback.url);
    assert.equal(m.searchParams.get('error'), 'invalid_request');
    assert.match(m.searchParams.get('error_description') ?? '', /^AADSTS900144: .*'scope'/);
    assert.equal(m.searchParams.get('state'), 'm');
    const bad = await get(adminConsentUrl(TENANT_B, { client_id: DAEMON, scope: 'https://graph.microsoft.com/.default User.Read', state: 'b', redirect_uri: callback.url }, true));
    assert.equal(bad.status, 302);
    assert.equal(new URL(bad.headers.get('location') as string).searchParams.get('error'), 'invalid_scope');
  });
});
