/**
 * The AADSTS50105 page as a user sees it in Chromium (issue 9 item 7): an unassigned user signs
 * in to an app that requires assignment and stays on Tessera's error page, naming the app and
 * the user; the redirect URI is never reached. Screenshot: test/artifacts/screenshots/assignment-50105.png.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { forbidDialogs, newContext, screenshot } from '../../helpers/browser.js';
import type { Callback } from '../authorize/callback-listener.js';
import { browserSuite, type BrowserSuite } from '../authorize/browser-suite.js';
import { environment, ORDERS_APP, PASSWORD, TENANT, upn } from './assignment.config.js';

let tessera: BrowserSuite['tessera'];
let callback: Callback;
let browser: Browser;
browserSuite(environment, (suite) => ({ tessera, callback, browser } = suite));

describe('AADSTS50105 in Chromium', () => {
  it('an unassigned user sees the error page and never reaches the app', async () => {
    const page = await (await newContext(browser)).newPage();
    const dialogs = forbidDialogs(page);
    const params = new URLSearchParams({ client_id: ORDERS_APP, response_type: 'code', redirect_uri: callback.url, scope: 'openid profile', state: 'st' });
    await page.goto(`${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${params.toString()}`);
    await page.fill('input[name=loginfmt]', upn('carol'));
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=passwd]');
    await page.fill('input[name=passwd]', PASSWORD);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.click('button[type=submit]');
    assert.equal((await response).status(), 400);
    const text = (await page.textContent('body')) ?? '';
    assert.match(text, /AADSTS50105/);
    assert.match(text, /Orders Web/);
    assert.match(text, /carol@assign\.example/);
    assert.equal(new URL(page.url()).origin, new URL(tessera.url).origin);
    await screenshot(page, 'assignment-50105');
    assert.deepEqual(dialogs, []);
  });
});
