/**
 * Every page in Chromium (shared/style.md convention 16): rendered from realistic view models
 * with attacker-controlled values, served with the real page headers, styled by the stylesheet
 * the real Tessera serves. Asserts: the CSP and its nonce, no dialog, no CSP violation, injected
 * markup shown as text, keyboard focus order, forms that post without JavaScript (CSRF and flow
 * fields included), form_post with and without script, the session cookie as Chromium stores it.
 * Screenshots at desktop and mobile widths go to test/artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { stylesheet } from '../../src/web/assets/index.js';
import { sessionCookie } from '../../src/web/cookies.js';
import { collectConsole, forbidDialogs, launchBrowser, newContext, screenshot, tabOrder } from '../helpers/browser.js';
import { bootTessera } from '../helpers/tessera.js';
import { ACCOUNTS, CSRF, EVIL_APP, EVIL_HINT, EVIL_STATE, FLOW, fixturePages } from './fixtures/pages.js';
import { startPageServer, type PageServer } from './fixtures/page-server.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let server: PageServer;
let browser: Browser;

before(async () => {
  tessera = await bootTessera();
  server = await startPageServer(tessera.url, ({ otherOrigin }) => fixturePages(`${otherOrigin}/submit`));
  browser = await launchBrowser({ trust: [server.certPem] });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await tessera?.close();
});

const PAGES = Object.keys(fixturePages('https://x.example/')).filter((name) => !name.startsWith('redirect-'));
const POLICY = /^default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/;

/** Opens a fixture page, asserting the headers every page must carry. */
async function open(page: Page, name: string): Promise<{ csp: string }> {
  const response = await page.goto(`${server.url}/page/${name}`);
  assert.ok(response, name);
  assert.equal(response.status(), name === 'error' ? 400 : 200, name);
  const headers = response.headers();
  assert.equal(headers['cache-control'], 'no-store', name);
  assert.equal(headers['x-frame-options'], 'DENY', name);
  assert.equal(headers['referrer-policy'], 'no-referrer', name);
  const csp = headers['content-security-policy'] ?? '';
  assert.match(csp, /frame-ancestors 'none'/, name);
  // The stylesheet really applied: the body font is the system stack, the card is styled.
  assert.match((await page.evaluate('getComputedStyle(document.body).fontFamily')) as string, /system-ui/, name);
  return { csp };
}

describe('pages in Chromium', () => {
  for (const viewport of ['desktop', 'mobile'] as const) {
    it(`renders every page at ${viewport} width with its CSP, no dialog, no violation, and saves a screenshot`, async () => {
      const context = await newContext(browser, viewport);
      try {
        for (const name of PAGES.filter((n) => n !== 'form-post')) {
          const page = await context.newPage();
          const dialogs = forbidDialogs(page);
          const consoleMessages = collectConsole(page);
          const { csp } = await open(page, name);
          assert.match(csp, POLICY, name);
          assert.equal(await page.locator('script').count(), 0, name);
          assert.equal(await page.locator('img').count(), 0, `${name}: no injected <img>`);
          assert.equal(await page.locator(`link[rel=stylesheet][href="/static/${stylesheet.fileName}"]`).count(), 1, name);
          assert.equal(await page.locator('html').getAttribute('lang'), 'en');
          assert.match(await page.title(), / · Tessera$/);
          await screenshot(page, `${name}-${viewport}`);
          assert.deepEqual(dialogs, [], name);
          // The error page's own 400 is logged as a failed load; nothing else may be.
          const expected = name === 'error' ? [`error: Failed to load resource: the server responded with a status of 400 (Bad Request) @ ${server.url}/page/error`] : [];
          assert.deepEqual(consoleMessages.filter((m) => /^error|pageerror/.test(m)), expected, name);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
  }

  it('follows a dark colour scheme', async () => {
    const context = await newContext(browser, 'desktop', { colorScheme: 'dark' });
    const page = await context.newPage();
    for (const name of ['sign-in', 'consent']) {
      await open(page, name);
      assert.equal(await page.evaluate(`getComputedStyle(document.querySelector('.card')).backgroundColor`), 'rgb(27, 32, 41)');
      await screenshot(page, `${name}-dark`);
    }
    await context.close();
  });

  it('shows attacker-controlled values as text, exactly', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, 'sign-in');
    assert.equal(await page.locator('#username').inputValue(), EVIL_HINT);
    await open(page, 'consent');
    assert.equal(await page.locator('.app .name').textContent(), EVIL_APP);
    assert.match((await page.locator('.app').textContent()) ?? '', /unverified/);
    await open(page, 'error');
    assert.match((await page.locator('.message').textContent()) ?? '', /^AADSTS50011: The redirect URI 'https:\/\/evil\.example\/cb"><script>alert\(1\)<\/script>'/);
    assert.equal(await page.locator('dd').first().textContent(), EVIL_APP);
    await open(page, 'account-picker');
    assert.equal(await page.locator('.account .name').nth(2).textContent(), EVIL_APP);
    await context.close();
  });

  it('reaches every input and button with Tab, in reading order', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const expectations: Record<string, string[]> = {
      'sign-in': ['a:Skip to content', 'username', 'button:Next'],
      password: ['a:Skip to content', 'a:←adele.vance@contoso.example', 'password', 'input[kmsi=1]', 'button:Sign in'],
      'account-picker': ['a:Skip to content', ...ACCOUNTS.map((a) => `button[account=${a.id}]`), 'button[account=other]'],
      mfa: ['a:Skip to content', 'a:←adele.vance@contoso.example', 'otc', 'button:Verify'],
      'consent-verified': ['a:Skip to content', 'summary:Sign you in and read your profileMicrosoft Graph', 'summary:Read your calendarsMicrosoft Graph', 'input[consent_for_org=1]', 'button[decision=cancel]', 'button[decision=accept]'],
      'signed-out': ['a:Skip to content', 'a:Return to the app'],
    };
    for (const [name, order] of Object.entries(expectations)) {
      await open(page, name);
      assert.deepEqual(await tabOrder(page, order.length), order, name);
      if (name === 'consent-verified') await screenshot(page, 'consent-keyboard-focus-desktop');
    }
    await context.close();
  });

  it('posts every form without JavaScript, carrying the CSRF and flow fields', async () => {
    const context = await newContext(browser, 'desktop', { javaScriptEnabled: false });
    const page = await context.newPage();
    const submitted = async (name: string, act: () => Promise<void>) => {
      await open(page, name);
      const before = server.submissions.length;
      await Promise.all([page.waitForURL(`${server.url}/submit`), act()]);
      assert.equal(server.submissions.length, before + 1, name);
      return server.submissions.at(-1) as Record<string, string>;
    };
    const username = await submitted('sign-in', async () => {
      await page.locator('#username').fill('adele.vance@contoso.example');
      await page.keyboard.press('Enter');
    });
    assert.deepEqual(username, { csrf: CSRF, flow: FLOW, loginfmt: 'adele.vance@contoso.example' });
    const password = await submitted('password', async () => {
      await page.locator('#password').fill('correct horse');
      await page.locator('input[name=kmsi]').check();
      await page.keyboard.press('Enter');
    });
    assert.deepEqual(password, { csrf: CSRF, flow: FLOW, loginfmt: 'adele.vance@contoso.example', passwd: 'correct horse', kmsi: '1' });
    const picked = await submitted('account-picker', () => page.locator(`button[value="${ACCOUNTS[1]?.id}"]`).click());
    assert.deepEqual(picked, { csrf: CSRF, flow: FLOW, account: ACCOUNTS[1]?.id });
    const code = await submitted('mfa', async () => {
      await page.locator('#otc').fill('123456');
      await page.keyboard.press('Enter');
    });
    assert.deepEqual(code, { csrf: CSRF, flow: FLOW, otc: '123456' });
    const accepted = await submitted('consent', async () => {
      await page.locator('button[value=accept]').focus();
      await page.keyboard.press('Enter');
    });
    assert.deepEqual(accepted, { csrf: CSRF, flow: FLOW, decision: 'accept' });
    const cancelled = await submitted('consent', () => page.locator('button[value=cancel]').click());
    assert.deepEqual(cancelled, { csrf: CSRF, flow: FLOW, decision: 'cancel' });
    await context.close();
  });

  it('form_post: a nonce-allowed script posts the response to the redirect URI, another origin allowed by form-action', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const dialogs = forbidDialogs(page);
    const consoleMessages = collectConsole(page);
    const before = server.submissions.length;
    const response = await page.goto(`${server.url}/page/form-post`, { waitUntil: 'commit' });
    const csp = response?.headers()['content-security-policy'] ?? '';
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.equal(csp, `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' ${server.otherOrigin}; script-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`);
    // The script carries the nonce of its own response (read over fetch: the page navigates away).
    const fetched = await fetch(`${server.url}/page/form-post`);
    const fetchedNonce = /'nonce-([^']+)'/.exec(fetched.headers.get('content-security-policy') ?? '')?.[1];
    const scripts = [...(await fetched.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${fetchedNonce}">`]);
    await page.waitForURL(`${server.otherOrigin}/submit`);
    assert.equal(server.submissions.length, before + 1);
    assert.deepEqual(server.submissions.at(-1), { code: '0.AXYA-code', state: EVIL_STATE, session_state: '5c0e0000-0000-4000-8000-00000000c001' });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(consoleMessages.filter((m) => /^error|pageerror/.test(m)), []);
    const second = await page.goto(`${server.url}/page/form-post`, { waitUntil: 'commit' });
    assert.notEqual(/nonce-([^']+)/.exec(second?.headers()['content-security-policy'] ?? '')?.[1], nonce, 'a fresh nonce per response');
    await context.close();
  });

  it("enforces form-action on the redirect after a POST: a 302 to the app's origin needs that origin listed", async () => {
    const context = await newContext(browser, 'desktop', { javaScriptEnabled: false });
    const page = await context.newPage();
    const consoleMessages = collectConsole(page);
    const before = server.submissions.length;
    await open(page, 'redirect-blocked');
    await page.locator('#username').fill('adele.vance@contoso.example');
    // The blocked navigation's only event is the CSP violation report on the console.
    await Promise.all([page.waitForEvent('console', (m) => /form-action/.test(m.text())), page.keyboard.press('Enter')]);
    assert.equal(server.submissions.length, before, 'Chromium blocked the redirect to an origin not in form-action');
    assert.ok(consoleMessages.some((m) => /Content Security Policy/.test(m)), consoleMessages.join('\n'));
    const { csp } = await open(page, 'redirect-allowed');
    assert.match(csp, new RegExp(`form-action 'self' ${server.otherOrigin.replace(/\./g, '\\.')};`));
    await page.locator('#username').fill('adele.vance@contoso.example');
    await Promise.all([page.waitForURL(`${server.otherOrigin}/submit?code=redirected`), page.keyboard.press('Enter')]);
    assert.deepEqual(server.submissions.at(-1), { code: 'redirected' });
    await context.close();
  });

  it('form_post without JavaScript: the Continue button posts the same fields', async () => {
    for (const viewport of ['desktop', 'mobile'] as const) {
      const context = await newContext(browser, viewport, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${server.url}/page/form-post`);
      await screenshot(page, `form-post-${viewport}`);
      const before = server.submissions.length;
      await Promise.all([page.waitForURL(`${server.otherOrigin}/submit`), page.getByRole('button', { name: 'Continue' }).click()]);
      assert.equal(server.submissions.length, before + 1);
      assert.equal(server.submissions.at(-1)?.state, EVIL_STATE);
      await context.close();
    }
  });

  it('refuses an inline script that lacks the nonce (CSP enforced, not just sent)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const consoleMessages = collectConsole(page);
    await open(page, 'sign-in');
    const ran = await page.evaluate(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      return window.__injected === true;
    })()`);
    assert.equal(ran, false);
    assert.ok(consoleMessages.some((m) => /Content Security Policy/.test(m)), consoleMessages.join('\n'));
    await context.close();
  });

  it('stores the session cookie as __Host-, Secure, HttpOnly, SameSite=None', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.route(`${server.url}/cookie`, (route) => route.fulfill({ status: 200, headers: { 'set-cookie': sessionCookie('c2Vzc2lvbi1oYW5kbGU', { secure: true, pathPrefix: '/tessera' }), 'content-type': 'text/plain' }, body: 'ok' }));
    await page.goto(`${server.url}/cookie`);
    const cookies = await context.cookies(server.url);
    assert.deepEqual(cookies.map(({ name, value, path, secure, httpOnly, sameSite, domain }) => ({ name, value, path, secure, httpOnly, sameSite, domain })), [
      { name: '__Host-tessera_session', value: 'c2Vzc2lvbi1oYW5kbGU', path: '/', secure: true, httpOnly: true, sameSite: 'None', domain: 'localhost' },
    ]);
    await context.close();
  });
});
