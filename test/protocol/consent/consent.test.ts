/**
 * Consent at /authorize in real Chromium (issue 9 items 1–3, spec/protocol.md §10, §14,
 * scenario 004): the user consent page and incremental consent, the "Need admin approval" page
 * and the error the app receives, an administrator consenting on behalf of the organization,
 * the tenant user-consent setting, pre-authorized clients, escaping and CSRF.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { forbidDialogs, newContext, screenshot } from '../../helpers/browser.js';
import { postForm } from '../../helpers/tessera.js';
import type { Callback } from '../authorize/callback-listener.js';
import { browserSuite, type BrowserSuite } from '../authorize/browser-suite.js';
import { ADMIN, ALICE, CONTOSO, DIRECTORY_APP, environment, EVIL_APP, EVIL_NAME, FABRIKAM, FRANK, MAIL_APP, MULTI_APP, NORA, NORTHWIND, ORDERS_API, ORDERS_CLIENT, OTHER_CLIENT, PASSWORD, SECRET, STATIC_APP } from './consent.config.js';

const GRAPH = '00000003-0000-0000-c000-000000000000';
let tessera: BrowserSuite['tessera'];
let callback: Callback;
let browser: Browser;
browserSuite(environment, (suite) => ({ tessera, callback, browser } = suite));

function authorizeUrl(tenant: string, clientId: string, scope: string, extra: Record<string, string> = {}, path = 'oauth2/v2.0/authorize'): string {
  const params = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: callback.url, response_mode: 'query', scope, state: 'st-consent', ...extra });
  return `${tessera.url}/${tenant}/${path}?${params.toString()}`;
}

/** Opens `url`; signs `username` in when the page asks who is signing in. */
async function open(page: Page, url: string, username?: string): Promise<void> {
  await page.goto(url);
  if (username === undefined) return;
  await page.fill('input[name=loginfmt]', username);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=passwd]');
  await page.fill('input[name=passwd]', PASSWORD);
  await page.click('button[type=submit]');
}

async function listed(page: Page): Promise<string[]> {
  return (await page.locator('.permissions summary').allTextContents()).map((s) => s.trim());
}

async function redeem(tenant: string, clientId: string, code: string, scope: string): Promise<Record<string, unknown>> {
  const response = await postForm(`${tessera.url}/${tenant}/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: clientId, client_secret: SECRET, code, redirect_uri: callback.url, scope });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

async function graphGrants(tenant: string, clientAppId: string) {
  const clientSp = await tessera.directory.getServicePrincipalByAppId(tenant, clientAppId);
  if (clientSp === undefined) return [];
  const graph = await tessera.directory.getServicePrincipalByAppId(tenant, GRAPH);
  return (await tessera.directory.listOAuth2PermissionGrants(tenant, clientSp.id)).filter((g) => g.resourceId === graph?.id);
}

async function fresh(): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  return { context, page, dialogs: forbidDialogs(page) };
}

describe('scenario 004: user consent, then incremental consent', () => {
  it('lists Calendars.Read and Mail.Send, records the grant, asks nothing the second time, then only Files.Read', async () => {
    const { context, page, dialogs } = await fresh();
    // The scenario's own request: full URIs, lower-case values.
    const scope = 'openid profile https://graph.microsoft.com/calendars.read https://graph.microsoft.com/mail.send';
    await open(page, authorizeUrl(CONTOSO, MAIL_APP, scope), ALICE);
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Sign you in', 'View your basic profile', 'Read calendars', 'Send mail']);
    assert.equal(await page.locator(`input[name=consent_for_org]`).count(), 0, 'no organization checkbox for a non-admin');
    await screenshot(page, 'consent-scenario-004');
    let landed = callback.next();
    await page.click('button[value=accept]');
    const first = await landed;
    assert.equal(first.get('state'), 'st-consent');
    const grants = await graphGrants(CONTOSO, MAIL_APP);
    assert.equal(grants.length, 1);
    assert.equal(grants[0]?.consentType, 'Principal');
    assert.equal(grants[0]?.scope, 'openid profile Calendars.Read Mail.Send');
    const token = await redeem(CONTOSO, MAIL_APP, first.get('code') ?? '', 'https://graph.microsoft.com/calendars.read https://graph.microsoft.com/mail.send');
    assert.equal(decodeJwt(token.access_token as string).scp, 'Calendars.Read Mail.Send');

    // Second sign-in (same browser session): no page at all.
    landed = callback.next();
    await page.goto(authorizeUrl(CONTOSO, MAIL_APP, scope));
    assert.ok((await landed).get('code'));

    // Incremental: only the new permission is shown; the grant grows, no second grant.
    await page.goto(authorizeUrl(CONTOSO, MAIL_APP, 'openid profile Files.Read'));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Read your files']);
    await screenshot(page, 'consent-incremental');
    landed = callback.next();
    await page.click('button[value=accept]');
    const third = await landed;
    const after = await graphGrants(CONTOSO, MAIL_APP);
    assert.equal(after.length, 1);
    assert.equal(after[0]?.scope, 'openid profile Calendars.Read Mail.Send Files.Read');
    const all = await redeem(CONTOSO, MAIL_APP, third.get('code') ?? '', 'https://graph.microsoft.com/.default');
    assert.deepEqual(String(decodeJwt(all.access_token as string).scp).split(' ').sort(), ['Calendars.Read', 'Files.Read', 'Mail.Send']);

    // prompt=consent shows the page again, with everything asked for.
    await page.goto(authorizeUrl(CONTOSO, MAIL_APP, scope, { prompt: 'consent' }));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Sign you in', 'View your basic profile', 'Read calendars', 'Send mail']);
    landed = callback.next();
    await page.click('button[value=cancel]');
    const cancelled = await landed;
    assert.equal(cancelled.get('error'), 'access_denied');
    assert.equal(cancelled.get('error_codes'), '65004');
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});

describe('.default (protocol.md §10.4)', () => {
  it('asks only for the static permissions not granted yet, then nothing; the token holds them all', async () => {
    const { context, page } = await fresh();
    await open(page, authorizeUrl(CONTOSO, STATIC_APP, 'openid User.Read'), ALICE);
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Sign you in', 'Sign you in and read your profile']);
    let landed = callback.next();
    await page.click('button[value=accept]');
    await landed;
    // requiredResourceAccess also holds Mail.Send, not granted yet: .default asks for it alone.
    await page.goto(authorizeUrl(CONTOSO, STATIC_APP, 'openid https://graph.microsoft.com/.default'));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Send mail']);
    landed = callback.next();
    await page.click('button[value=accept]');
    await landed;
    landed = callback.next();
    await page.goto(authorizeUrl(CONTOSO, STATIC_APP, 'openid https://graph.microsoft.com/.default'));
    const code = (await landed).get('code');
    assert.ok(code, 'everything static is granted: no page');
    const token = await redeem(CONTOSO, STATIC_APP, code, 'https://graph.microsoft.com/.default');
    assert.deepEqual(String(decodeJwt(token.access_token as string).scp).split(' ').sort(), ['Mail.Send', 'User.Read']);
    await context.close();
  });
});

describe('admin-restricted permissions (User.Read.All)', () => {
  it('a non-admin gets "Need admin approval" and the app consent_required AADSTS90094; an admin grants it for the organization; then no page', async () => {
    const scope = 'openid profile User.Read.All';
    const alice = await fresh();
    await open(alice.page, authorizeUrl(CONTOSO, DIRECTORY_APP, scope), ALICE);
    await alice.page.waitForSelector('button[value=return]');
    assert.equal(await alice.page.textContent('h1'), 'Need admin approval');
    assert.match((await alice.page.textContent('#approval-message')) ?? '', /^Directory Reader needs permission to access resources in your organization that only an admin can grant\./);
    assert.deepEqual(await listed(alice.page), ['Sign you in', 'View your basic profile', "Read all users' full profiles"]);
    assert.equal(await alice.page.locator('button[value=accept]').count(), 0);
    await screenshot(alice.page, 'consent-approval-required');
    let landed = callback.next();
    await alice.page.click('button[value=return]');
    const refused = await landed;
    assert.equal(refused.get('error'), 'consent_required');
    assert.equal(refused.get('error_codes'), '90094');
    assert.match(refused.get('error_description') ?? '', /^AADSTS90094: The grant requires admin permission\. 'Directory Reader' needs permission to access resources in your organization that only an admin can grant\.\r\nTrace ID: /);
    assert.equal(refused.get('state'), 'st-consent');
    assert.deepEqual(await graphGrants(CONTOSO, DIRECTORY_APP), []);
    // prompt=none: consent_required AADSTS65001, no page.
    landed = callback.next();
    await alice.page.goto(authorizeUrl(CONTOSO, DIRECTORY_APP, scope, { prompt: 'none' }));
    const silent = await landed;
    assert.equal(silent.get('error'), 'consent_required');
    assert.equal(silent.get('error_codes'), '65001');

    // The administrator: the same page offers "Consent on behalf of your organization".
    const admin = await fresh();
    await open(admin.page, authorizeUrl(CONTOSO, DIRECTORY_APP, scope), ADMIN);
    await admin.page.waitForSelector('button[value=accept]');
    assert.equal((await admin.page.textContent('label.check'))?.trim(), 'Consent on behalf of your organization');
    await admin.page.check('input[name=consent_for_org]');
    await screenshot(admin.page, 'consent-admin-organization');
    landed = callback.next();
    await admin.page.click('button[value=accept]');
    const adminResult = await landed;
    assert.ok(adminResult.get('code'));
    assert.equal(adminResult.get('admin_consent'), 'True');
    const grants = await graphGrants(CONTOSO, DIRECTORY_APP);
    assert.deepEqual(grants.map((g) => [g.consentType, g.principalId, g.scope]), [['AllPrincipals', null, 'openid profile User.Read.All']]);

    // Alice again, in her session: no page, straight to the app, and the token carries the scope.
    landed = callback.next();
    await alice.page.goto(authorizeUrl(CONTOSO, DIRECTORY_APP, scope));
    const code = (await landed).get('code');
    assert.ok(code);
    const token = await redeem(CONTOSO, DIRECTORY_APP, code, 'User.Read.All');
    assert.equal(decodeJwt(token.access_token as string).scp, 'User.Read.All');
    assert.deepEqual([...alice.dialogs, ...admin.dialogs], []);
    await alice.context.close();
    await admin.context.close();
  });
});

describe('tenant user-consent setting', () => {
  it('notAllowed (from the environment file): even User.Read needs an admin; allowed again through setUserConsentPolicy', async () => {
    assert.equal(await tessera.directory.getUserConsentPolicy(FABRIKAM), 'notAllowed');
    assert.equal(await tessera.directory.getUserConsentPolicy(CONTOSO), 'allowed');
    const { context, page } = await fresh();
    await open(page, authorizeUrl(FABRIKAM, MULTI_APP, 'openid User.Read'), FRANK);
    await page.waitForSelector('button[value=return]');
    assert.equal(await page.textContent('h1'), 'Need admin approval');
    const landed = callback.next();
    await page.click('button[value=return]');
    assert.equal((await landed).get('error_codes'), '90094');
    // Nothing was provisioned in the foreign tenant by the refusal.
    assert.equal(await tessera.directory.getServicePrincipalByAppId(FABRIKAM, MULTI_APP), undefined);

    await tessera.directory.setUserConsentPolicy(FABRIKAM, 'allowed');
    await page.goto(authorizeUrl(FABRIKAM, MULTI_APP, 'openid User.Read'));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Sign you in', 'Sign you in and read your profile']);
    const accepted = callback.next();
    await page.click('button[value=accept]');
    assert.ok((await accepted).get('code'));
    // A multi-tenant app consented in a foreign tenant: its service principal was created there.
    assert.ok(await tessera.directory.getServicePrincipalByAppId(FABRIKAM, MULTI_APP));
    await tessera.directory.setUserConsentPolicy(FABRIKAM, 'notAllowed');
    await assert.rejects(tessera.directory.setUserConsentPolicy(FABRIKAM, 'sometimes' as never), /InvalidUserConsentPolicy|not one of/);
    await context.close();
  });

  it('lowRisk: User.Read is user-consentable, Mail.Send is not', async () => {
    const { context, page } = await fresh();
    await open(page, authorizeUrl(NORTHWIND, MULTI_APP, 'openid offline_access Mail.Send'), NORA);
    await page.waitForSelector('button[value=return]');
    assert.deepEqual(await listed(page), ['Sign you in', 'Maintain access to data you have given it access to', 'Send mail']);
    await page.goto(authorizeUrl(NORTHWIND, MULTI_APP, 'openid offline_access User.Read'));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Sign you in', 'Maintain access to data you have given it access to', 'Sign you in and read your profile']);
    const landed = callback.next();
    await page.click('button[value=accept]');
    assert.ok((await landed).get('code'));
    await context.close();
  });
});

describe('pre-authorized applications', () => {
  it('the pre-authorized client gets access_as_user with no consent page; another client is asked', async () => {
    const app = await tessera.directory.getApplicationByAppId(ORDERS_API);
    assert.deepEqual(app?.api.preAuthorizedApplications.map((p) => p.appId), [ORDERS_CLIENT]);
    const { context, page } = await fresh();
    let landed = callback.next();
    await open(page, authorizeUrl(CONTOSO, ORDERS_CLIENT, 'openid profile api://orders/access_as_user'), ALICE);
    const code = (await landed).get('code');
    assert.ok(code, 'no consent page for a pre-authorized client');
    const token = await redeem(CONTOSO, ORDERS_CLIENT, code, 'api://orders/access_as_user');
    const claims = decodeJwt(token.access_token as string);
    assert.equal(claims.scp, 'access_as_user');
    assert.ok(claims.aud === ORDERS_API || claims.aud === 'api://orders', String(claims.aud));

    await page.goto(authorizeUrl(CONTOSO, OTHER_CLIENT, 'openid profile api://orders/access_as_user'));
    await page.waitForSelector('button[value=accept]');
    assert.deepEqual(await listed(page), ['Access Orders as you', 'Sign you in', 'View your basic profile']);
    landed = callback.next();
    await page.click('button[value=cancel]');
    assert.equal((await landed).get('error'), 'access_denied');
    await context.close();
  });
});

describe('scope resolution errors are delivered to the app (protocol.md §10, §3.5)', () => {
  it('an unknown scope of Graph → invalid_scope AADSTS70011; an unknown resource → AADSTS500011; .default with a named scope → AADSTS70011', async () => {
    const { context, page } = await fresh();
    let landed = callback.next();
    await open(page, authorizeUrl(CONTOSO, MAIL_APP, 'openid Nonexistent.Permission'), ALICE);
    let result = await landed;
    assert.equal(result.get('error'), 'invalid_scope');
    assert.equal(result.get('error_codes'), '70011');
    assert.match(result.get('error_description') ?? '', /Nonexistent\.Permission/);
    landed = callback.next();
    await page.goto(authorizeUrl(CONTOSO, MAIL_APP, 'openid api://nowhere/read'));
    result = await landed;
    assert.equal(result.get('error'), 'invalid_resource');
    assert.equal(result.get('error_codes'), '500011');
    landed = callback.next();
    await page.goto(authorizeUrl(CONTOSO, MAIL_APP, 'openid https://graph.microsoft.com/.default Mail.Send'));
    result = await landed;
    assert.equal(result.get('error'), 'invalid_scope');
    assert.equal(result.get('error_codes'), '70011');
    await context.close();
  });
});

describe('prompt=admin_consent (v1, protocol.md §9.1, §14.4)', () => {
  it('an administrator consents for the organization: AllPrincipals grant and admin_consent=True; a non-admin is refused', async () => {
    const v1 = (extra: Record<string, string>) => authorizeUrl(CONTOSO, EVIL_APP, 'openid', { resource: 'https://graph.microsoft.com', ...extra }, 'oauth2/authorize');
    const alice = await fresh();
    await open(alice.page, v1({ prompt: 'admin_consent' }), ALICE);
    await alice.page.waitForSelector('button[value=return]');
    // The hostile app name is text, not markup.
    assert.equal(await alice.page.textContent('.app .name'), EVIL_NAME);
    assert.equal(await alice.page.locator('img').count(), 0);
    await screenshot(alice.page, 'consent-approval-hostile-name');
    const admin = await fresh();
    await open(admin.page, v1({ prompt: 'admin_consent' }), ADMIN);
    await admin.page.waitForSelector('#organization-notice');
    assert.equal(await admin.page.textContent('.app .name'), EVIL_NAME);
    assert.equal(await admin.page.locator('img').count(), 0);
    await screenshot(admin.page, 'consent-admin-consent-prompt');
    const landed = callback.next();
    await admin.page.click('button[value=accept]');
    const result = await landed;
    assert.ok(result.get('code'));
    assert.equal(result.get('admin_consent'), 'True');
    assert.deepEqual((await graphGrants(CONTOSO, EVIL_APP)).map((g) => [g.consentType, g.scope]), [['AllPrincipals', 'openid']]);
    assert.deepEqual([...alice.dialogs, ...admin.dialogs], []);
    await alice.context.close();
    await admin.context.close();
  });
});

describe('CSRF on the consent form', () => {
  it('a POST without (or with another flow\'s) CSRF token is refused with AADSTS90023 and records nothing', async () => {
    const { context, page } = await fresh();
    await open(page, authorizeUrl(CONTOSO, EVIL_APP, 'openid Mail.Send'), ALICE);
    await page.waitForSelector('button[value=accept]');
    assert.equal(await page.textContent('.app .name'), EVIL_NAME);
    const action = new URL((await page.getAttribute('form', 'action')) ?? '', tessera.url).toString();
    const flow = (await page.inputValue('input[name=flow]')) ?? '';
    const csrf = await page.inputValue('input[name=csrf]');
    const forms: Array<Record<string, string>> = [{ flow, decision: 'accept' }, { flow, decision: 'accept', csrf: `${csrf.slice(0, -2)}xx` }];
    for (const form of forms) {
      const response = await context.request.post(action, { form, maxRedirects: 0 });
      assert.equal(response.status(), 400);
      assert.match(await response.text(), /AADSTS90023/);
    }
    // Another browser (no session cookie) with the right token: refused as well.
    const stranger = await postFormRaw(action, { flow, csrf, decision: 'accept' });
    assert.equal(stranger.status, 400);
    assert.match(stranger.text, /AADSTS90023/);
    assert.deepEqual(await graphGrants(CONTOSO, EVIL_APP).then((g) => g.filter((x) => x.consentType === 'Principal')), []);
    // The page's own form still works.
    const landed = callback.next();
    await page.click('button[value=accept]');
    assert.ok((await landed).get('code'));
    assert.deepEqual((await graphGrants(CONTOSO, EVIL_APP)).filter((g) => g.consentType === 'Principal').map((g) => g.scope), ['Mail.Send']);
    await context.close();
  });
});

async function postFormRaw(url: string, form: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}
