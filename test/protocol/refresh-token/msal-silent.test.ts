/**
 * msal-node's silent calls ride on Tessera's refresh tokens (protocol.md §5.2, tokens.md §10.2):
 * after a real Chromium sign-in that consents to Graph and a custom API at once,
 * `acquireTokenSilent({ forceRefresh })` redeems the refresh token, a silent call for the second
 * resource works from the same token, and a confidential client's replaced token stays usable
 * (Entra) while a public client's replaced token revokes its family (RFC 9700 §4.14.2).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfidentialClientApplication, CryptoProvider, PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { newContext } from '../../helpers/browser.js';
import { postForm } from '../../helpers/tessera.js';
import type { Callback } from '../authorize/callback-listener.js';
import { browserSuite, type BrowserSuite } from '../authorize/browser-suite.js';
import { ALICE, ALICE_PASSWORD, API_APP, API_SCOPE, environment, PUBLIC_APP, TENANT, WEB_APP, WEB_SECRET } from './refresh.config.js';

let tessera: BrowserSuite['tessera'];
let callback: Callback;
let browser: Browser;
browserSuite(environment, (suite) => ({ tessera, callback, browser } = suite));

const authority = () => ({ authority: `${tessera.url}/${TENANT}`, knownAuthorities: [new URL(tessera.url).host] });

async function signIn(page: Page): Promise<void> {
  await page.waitForSelector('input[name=loginfmt]');
  await page.fill('input[name=loginfmt]', ALICE);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=passwd]');
  await page.fill('input[name=passwd]', ALICE_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('button[value=accept]');
  await page.click('button[value=accept]');
}

/** The one refresh token in msal's serialized cache. */
function cachedRefreshToken(app: ConfidentialClientApplication | PublicClientApplication): string {
  const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
  const [entry] = Object.values(cache.RefreshToken);
  assert.ok(entry, 'msal cached a refresh token');
  return entry.secret;
}

describe('msal-node acquireTokenSilent over refresh tokens', () => {
  it('ConfidentialClientApplication: forceRefresh, a second consented resource, the old token still valid', async () => {
    const client = new ConfidentialClientApplication({ auth: { clientId: WEB_APP, clientSecret: WEB_SECRET, ...authority() } });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({ scopes: ['User.Read', API_SCOPE], redirectUri: callback.url, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const landed = callback.next();
    await page.goto(url);
    await signIn(page);
    const code = (await landed).get('code');
    assert.ok(code);
    const first = await client.acquireTokenByCode({ code, scopes: ['User.Read'], redirectUri: callback.url, codeVerifier: verifier });
    await context.close();
    const account = first.account as AccountInfo;
    const oldRt = cachedRefreshToken(client);

    const refreshed = await client.acquireTokenSilent({ account, scopes: ['User.Read'], forceRefresh: true });
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.equal(decodeJwt(refreshed.accessToken).scp, 'User.Read openid profile');
    assert.equal(decodeJwt(refreshed.accessToken).aud, 'https://graph.microsoft.com');
    assert.notEqual(cachedRefreshToken(client), oldRt, 'msal stored the rotated refresh token');
    const me = await fetch(`${tessera.url}/v1.0/me`, { headers: { authorization: `Bearer ${refreshed.accessToken}` } });
    assert.equal(me.status, 200);

    const api = await client.acquireTokenSilent({ account, scopes: [API_SCOPE] });
    const apiClaims = decodeJwt(api.accessToken);
    assert.equal(apiClaims.aud, API_APP);
    assert.equal(apiClaims.scp, 'access_as_user');

    // ENTRA-COMPAT: a confidential client's replaced refresh token keeps working.
    const again = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'refresh_token', client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: oldRt, scope: 'User.Read' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });

  it('PublicClientApplication: the replaced token presented again revokes the family; the silent call of msal then fails with invalid_grant', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pca = new PublicClientApplication({ auth: { clientId: PUBLIC_APP, ...authority() } });
    const signedIn = signIn(page);
    const result = await pca.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: async (u) => { await page.goto(u); }, successTemplate: 'done' });
    await signedIn;
    await context.close();
    const account = result.account as AccountInfo;
    const oldRt = cachedRefreshToken(pca);
    const refreshed = await pca.acquireTokenSilent({ account, scopes: ['User.Read'], forceRefresh: true });
    assert.notEqual(refreshed.accessToken, result.accessToken);
    assert.notEqual(cachedRefreshToken(pca), oldRt);

    const reuse = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: oldRt });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
    assert.deepEqual(reuse.body.error_codes, [50173]);
    await assert.rejects(pca.acquireTokenSilent({ account, scopes: ['User.Read'], forceRefresh: true }), (error: Error & { errorCode?: string; errorMessage?: string }) => {
      // protocol.md §12.1: invalid_grant without suberror → msal's ServerError, the RT is dropped.
      assert.equal(error.name, 'ServerError');
      assert.equal(error.errorCode, 'invalid_grant');
      assert.match(error.errorMessage ?? error.message, /AADSTS50173/);
      return true;
    });
  });
});
