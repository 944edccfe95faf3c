/**
 * Debian's Chromium, headless, through playwright-core (no downloaded browser). One browser per
 * test file, a context per viewport. Certificate errors are not ignored wholesale: the browser
 * trusts exactly the public keys of the certificates given (the test server's), through
 * Chromium's `--ignore-certificate-errors-spki-list`, so the origin is a secure context with a
 * valid certificate — `Secure` and `__Host-` cookies behave as they do for users.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';

/** Launch arguments for a quiet, sandbox-less CI Chromium that fetches nothing on its own. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** SHA-256 of a certificate's SubjectPublicKeyInfo, base64: Chromium's SPKI pin format. */
export function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** Launches Chromium; `trust` lists PEM certificates whose keys it accepts (test servers). */
export async function launchBrowser(options: { trust?: string[] } = {}): Promise<Browser> {
  const pins = (options.trust ?? []).map(spkiHash);
  const args = pins.length > 0 ? [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${pins.join(',')}`] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;

/** A fresh context (own cookies) at a viewport; `javaScriptEnabled: false` to prove pages need none. */
export async function newContext(browser: Browser, viewport: keyof typeof VIEWPORTS = 'desktop', options: { colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: VIEWPORTS[viewport],
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    deviceScaleFactor: viewport === 'mobile' ? 2 : 1,
    isMobile: viewport === 'mobile',
    hasTouch: viewport === 'mobile',
  });
}

/** Fails the test if a page opens any dialog (alert/confirm/prompt: the sign of injected script). */
export function forbidDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** Console messages and CSP violations the page reported (CSP violations show up as console errors). */
export function collectConsole(page: Page): string[] {
  const messages: string[] = [];
  // The location says which resource failed (a 404 names no URL in its text).
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()} @ ${message.location().url}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
}

export const SCREENSHOT_DIR = join(new URL('../..', import.meta.url).pathname, 'test', 'artifacts', 'screenshots');

/** Saves a full-page screenshot to test/artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** What Tab visits, in order, from the top of the page: an element's id, else `tag[name=value]`, else `tag:text`. */
export async function tabOrder(page: Page, steps: number): Promise<string[]> {
  const visited: string[] = [];
  // Start from the top of the document (autofocus may have moved focus into the form): a
  // focusable-by-script sentinel outside the tab sequence, first in <body>, takes focus.
  // (Page-side code is a string: the Node typecheck has no DOM library.)
  await page.evaluate(`(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  })()`);
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    visited.push(
      (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        if (el.id) return el.id;
        const name = el.getAttribute('name');
        if (name) return el.tagName.toLowerCase() + '[' + name + '=' + (el.getAttribute('value') ?? '') + ']';
        return el.tagName.toLowerCase() + ':' + (el.textContent ?? '').replace(/\\s+/g, ' ').trim();
      })()`)) as string,
    );
  }
  return visited;
}
