/**
 * The setup every Chromium test file of the front channel shares: a callback listener (the
 * app's redirect URI), a Tessera whose environment registers it, and a browser that trusts the
 * server's certificate; closed in reverse order after the file.
 */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../helpers/browser.js';
import { bootTessera } from '../../helpers/tessera.js';
import { startCallbackListener, type Callback } from './callback-listener.js';
import { serverCertificate } from './server-certificate.js';

type Environment = NonNullable<NonNullable<Parameters<typeof bootTessera>[0]>['environment']>;

export interface BrowserSuite {
  tessera: Awaited<ReturnType<typeof bootTessera>>;
  callback: Callback;
  browser: Browser;
}

/** Registers `before`/`after` for the file; `ready` receives the parts once they are up. */
export function browserSuite(environment: (redirectUri: string) => Environment, ready: (suite: BrowserSuite) => void): void {
  let suite: Partial<BrowserSuite> = {};
  before(async () => {
    const callback = await startCallbackListener();
    suite = { callback };
    const tessera = await bootTessera({ environment: environment(callback.url) });
    suite.tessera = tessera;
    const browser = await launchBrowser({ trust: [await serverCertificate(tessera.url)] });
    suite.browser = browser;
    ready({ tessera, callback, browser });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.tessera?.close();
    await suite.callback?.close();
  });
}
