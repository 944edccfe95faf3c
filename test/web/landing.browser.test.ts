/**
 * The landing page in headless Chromium, served by the real Tessera (demo and a hostile tenant
 * name): no CSP violation or other console error, no dialog, the stylesheet applied, the hostile
 * name shown as text, no horizontal scrolling at phone width; screenshots in test/artifacts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { serverCertificate } from '../protocol/authorize/server-certificate.js';
import { collectConsole, forbidDialogs, launchBrowser, newContext, screenshot } from '../helpers/browser.js';
import { bootTessera } from '../helpers/tessera.js';
import { EVIL, hostileEnvironment } from './fixtures/landing.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let browser: Browser;

before(async () => {
  tessera = await bootTessera({ noDemo: false, environment: hostileEnvironment() });
  browser = await launchBrowser({ trust: [await serverCertificate(tessera.url)] });
});
after(async () => {
  await browser?.close();
  await tessera?.close();
});

describe('the landing page in Chromium', () => {
  for (const viewport of ['desktop', 'mobile'] as const) {
    it(`renders at ${viewport} width without a CSP violation, a console error or a dialog`, async () => {
      const context = await newContext(browser, viewport);
      try {
        const page = await context.newPage();
        const console = collectConsole(page);
        const dialogs = forbidDialogs(page);
        const response = await page.goto(`${tessera.url}/`);
        assert.equal(response?.status(), 200);
        await page.waitForLoadState('load');
        assert.deepEqual(console.filter((m) => !m.startsWith('log:')), []);
        assert.deepEqual(dialogs, []);
        assert.match((await page.evaluate('getComputedStyle(document.body).fontFamily')) as string, /system-ui/, 'the stylesheet applied');
        assert.equal(await page.locator('h1').textContent(), 'Tessera is running');
        assert.ok((await page.locator('section.tenant h3').allTextContents()).includes(EVIL), 'the hostile name, as text');
        assert.equal(await page.locator('section.tenant h3 script, section.tenant h3 img').count(), 0);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
        await screenshot(page, `landing-${viewport}`);
      } finally {
        await context.close();
      }
    });
  }
});
