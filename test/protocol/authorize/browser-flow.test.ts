/**
 * Interactive sign-in end to end (issue 7): msal-node's ConfidentialClientApplication builds the
 * /authorize URL (PKCE), real headless Chromium signs in on Tessera's pages and consents, the
 * browser lands on the test's loopback redirect URI, msal redeems the code, and Graph answers
 * /v1.0/me with the access token. Then the MFA user with a TOTP code from otpauth.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfidentialClientApplication, CryptoProvider, PublicClientApplication } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { forbidDialogs, newContext, screenshot } from '../../helpers/browser.js';
import { postForm } from '../../helpers/tessera.js';
import { ALICE, ALICE_PASSWORD, BOB, BOB_PASSWORD, BOB_TOTP, environment, EVIL_APP, EVIL_NAME, PUBLIC_APP, TENANT, WEB_APP, WEB_SECRET } from './authorize.config.js';
import type { Callback } from './callback-listener.js';
import { browserSuite, type BrowserSuite } from './browser-suite.js';

let tessera: BrowserSuite['tessera'];
let callback: Callback;
let browser: Browser;
browserSuite(environment, (suite) => ({ tessera, callback, browser } = suite));

function msal(): ConfidentialClientApplication {
  return new ConfidentialClientApplication({ auth: { clientId: WEB_APP, authority: `${tessera.url}/${TENANT}`, knownAuthorities: [new URL(tessera.url).host], clientSecret: WEB_SECRET } });
}

async function signIn(page: Page, username: string, password: string, shots?: string): Promise<void> {
  await page.fill('input[name=loginfmt]', username);
  if (shots) await screenshot(page, `${shots}-username`);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=passwd]');
  await page.fill('input[name=passwd]', password);
  if (shots) await screenshot(page, `${shots}-password`);
  await page.click('button[type=submit]');
}

describe('msal-node authorization code flow through Chromium', () => {
  it('signs Alice in, asks consent, redeems the code and calls Graph /me', async () => {
    const client = msal();
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: callback.url, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'st-1', nonce: 'n-1' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const dialogs = forbidDialogs(page);
    const landed = callback.next();
    await page.goto(url);
    await signIn(page, ALICE, ALICE_PASSWORD, 'flow');
    await page.waitForSelector('button[value=accept]');
    assert.match(await page.textContent('main') ?? '', /Sign you in/);
    assert.match(await page.textContent('main') ?? '', /Web App/);
    await screenshot(page, 'flow-consent');
    await page.click('button[value=accept]');
    const params = await landed;
    assert.equal(params.get('state'), 'st-1');
    assert.ok(params.get('session_state'));
    const code = params.get('code');
    assert.ok(code, `no code: ${params.toString()}`);
    const cookies = await context.cookies(tessera.url);
    const session = cookies.find((c) => c.name === '__Host-tessera_session');
    assert.ok(session);
    assert.equal(session.secure, true);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'None');

    const result = await client.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: callback.url, codeVerifier: verifier, nonce: 'n-1', state: 'st-1' }, { code, state: 'st-1' });
    assert.ok(result.accessToken && result.idToken);
    const at = decodeJwt(result.accessToken);
    assert.equal(at.scp, 'User.Read openid profile');
    assert.deepEqual(at.amr, ['pwd']);
    const id = decodeJwt(result.idToken);
    assert.equal(id.aud, WEB_APP);
    assert.equal(id.nonce, 'n-1');
    assert.equal(result.account?.username, ALICE);
    const me = await fetch(`${tessera.url}/v1.0/me`, { headers: { authorization: `Bearer ${result.accessToken}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { userPrincipalName: string }).userPrincipalName, ALICE);

    // The same code again: already redeemed.
    const replay = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code, redirect_uri: callback.url, code_verifier: verifier });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.deepEqual(replay.body.error_codes, [54005]);

    // SSO: a second request signs in silently (no page), prompt=none as well.
    const silent = callback.next();
    await page.goto(await client.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: callback.url, prompt: 'none', state: 'st-2' }));
    const again = await silent;
    assert.equal(again.get('state'), 'st-2');
    assert.ok(again.get('code'));
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  it('asks Bob for a TOTP code and puts mfa in amr', async () => {
    const client = msal();
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: callback.url, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const landed = callback.next();
    await page.goto(url);
    await signIn(page, BOB, BOB_PASSWORD);
    await page.waitForSelector('input[name=otc]');
    await screenshot(page, 'flow-mfa');
    await page.fill('input[name=otc]', '000000');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error');
    assert.match(await page.textContent('.error') ?? '', /AADSTS50074/);
    await page.fill('input[name=otc]', new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(BOB_TOTP) }).generate());
    await page.click('button[type=submit]');
    await page.waitForSelector('button[value=accept]');
    await page.click('button[value=accept]');
    const params = await landed;
    const code = params.get('code');
    assert.ok(code);
    const result = await client.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: callback.url, codeVerifier: verifier });
    assert.deepEqual(decodeJwt(result.accessToken).amr, ['pwd', 'mfa']);
    assert.ok((result as unknown as { refreshToken?: string }).refreshToken === undefined, 'msal keeps the refresh token in its cache');
    await context.close();
  });

  it('script in login_hint, state, the app name and the redirect URI stays inert (no dialog)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const dialogs = forbidDialogs(page);
    const hint = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const state = '<script>alert(3)</script>"\'&';
    const authorize = (params: Record<string, string>) => `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(params).toString()}`;
    const error = await page.goto(authorize({ client_id: EVIL_APP, response_type: 'code', scope: 'openid', redirect_uri: 'javascript:alert(4)//' }));
    assert.equal(error?.status(), 400);
    assert.match(await page.textContent('main') ?? '', /AADSTS50011/);
    await screenshot(page, 'flow-error-50011');
    await page.goto(authorize({ client_id: EVIL_APP, response_type: 'code', scope: 'openid', redirect_uri: callback.url, login_hint: hint, state }));
    assert.equal(await page.inputValue('input[name=loginfmt]'), hint);
    assert.match(await page.textContent('main') ?? '', /<img src=x onerror=alert\(1\)>Evil/);
    await page.fill('input[name=loginfmt]', ALICE);
    await page.click('button[type=submit]');
    await page.fill('input[name=passwd]', ALICE_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('button[value=accept]');
    assert.equal(await page.textContent('.app .name'), EVIL_NAME);
    await screenshot(page, 'flow-consent-hostile-name');
    const landed = callback.next();
    await page.click('button[value=accept]');
    assert.equal((await landed).get('state'), state);
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  it('msal-node PublicClientApplication acquireTokenInteractive: its own loopback listener on any port', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pca = new PublicClientApplication({ auth: { clientId: PUBLIC_APP, authority: `${tessera.url}/${TENANT}`, knownAuthorities: [new URL(tessera.url).host] } });
    const signedIn = (async () => {
      await page.waitForSelector('input[name=loginfmt]');
      await signIn(page, ALICE, ALICE_PASSWORD);
      await page.waitForSelector('button[value=accept]');
      await page.click('button[value=accept]');
    })();
    const result = await pca.acquireTokenInteractive({
      scopes: ['User.Read'],
      openBrowser: async (url) => {
        await page.goto(url);
      },
      successTemplate: 'done',
    });
    await signedIn;
    assert.equal(result.account?.username, ALICE);
    assert.equal(decodeJwt(result.accessToken).azp ?? decodeJwt(result.accessToken).appid, PUBLIC_APP);
    const silent = await pca.acquireTokenSilent({ account: result.account!, scopes: ['User.Read'] });
    assert.equal(silent.accessToken, result.accessToken, 'served from msal cache');
    await context.close();
  });
});
