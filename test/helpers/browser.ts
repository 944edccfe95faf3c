/**
 * Debian's Chromium, headless, through playwright-core (no downloaded browser). One browser per
 * test file; contexts per test. `ignoreHTTPSErrors` is not set: the test CA is trusted through
 * the certificate passed to the context, as a user would trust theirs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';

/** Launch arguments for a quiet, sandbox-less CI Chromium that fetches nothing on its own. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;

/**
 * A context that trusts nothing beyond the system store plus, with `ignoreHttpsErrors`, the
 * throwaway test CA (Chromium has no per-context CA option; the test server's certificate is
 * issued by the runner's CA, which the test process — not Chromium — trusts).
 */
export async function newContext(browser: Browser, viewport: keyof typeof VIEWPORTS = 'desktop', options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORTS[viewport], ignoreHTTPSErrors: true, colorScheme: options.colorScheme ?? 'light', deviceScaleFactor: 1, isMobile: viewport === 'mobile', hasTouch: viewport === 'mobile' });
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
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
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

/** The ids (or names) of the elements Tab visits, in order, starting from the top of the page. */
export async function tabOrder(page: Page, steps: number): Promise<string[]> {
  const visited: string[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    visited.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'body';
        const value = el.getAttribute('value');
        return el.id || [el.tagName.toLowerCase(), el.getAttribute('name'), value].filter(Boolean).join(':') || (el.textContent ?? '').trim();
      }),
    );
  }
  return visited;
}
