/**
 * A single-page app on its own HTTPS origin for the msal-browser test: the page, msal-browser's
 * UMD bundle and the app script, under a strict CSP (scripts only from itself, fetches only to
 * itself and Tessera). Its certificate is the test run's server certificate (issued by the test
 * CA for localhost and 127.0.0.1), so Chromium's SPKI pin trusts both origins.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const MSAL_BUNDLE = join(new URL('../../..', import.meta.url).pathname, 'node_modules', '@azure', 'msal-browser', 'lib', 'msal-browser.min.js');

export interface SpaServer {
  /** The SPA's origin with a trailing slash: also its redirect URI. */
  url: string;
  /** Sets what the page configures (Tessera boots after the SPA's port, its redirect URI, is known). */
  configure(settings: SpaSettings): void;
  close(): Promise<void>;
}

/** What the page needs to configure PublicClientApplication. */
export interface SpaSettings {
  clientId: string;
  authority: string;
  tesseraOrigin: string;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contoso SPA</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:40rem}pre{background:#f3f3f3;padding:1rem;white-space:pre-wrap;word-break:break-all}</style>
</head><body>
<h1>Contoso SPA</h1>
<p id="status">loading</p>
<button id="sign-in" type="button" hidden>Sign in</button>
<pre id="details"></pre>
<script src="/msal-browser.min.js"></script>
<script src="/app.js"></script>
</body></html>`;

/** The app: initialize, handle the redirect, else offer loginRedirect; then acquireTokenSilent and /me. */
function appScript(settings: SpaSettings, redirectUri: string): string {
  return `'use strict';
(async () => {
  const settings = ${JSON.stringify({ ...settings, redirectUri })};
  const status = document.getElementById('status');
  const details = document.getElementById('details');
  const report = (state, data) => {
    window.__spa = { state, ...data };
    status.textContent = state;
    // The page shows a token's start only (the screenshot is an artifact); the test reads it whole.
    details.textContent = JSON.stringify(data, (key, value) => (key === 'accessToken' ? value.slice(0, 24) + '…' : value), 2);
  };
  try {
    const pca = new msal.PublicClientApplication({
      auth: { clientId: settings.clientId, authority: settings.authority, knownAuthorities: [new URL(settings.authority).host], redirectUri: settings.redirectUri },
      cache: { cacheLocation: 'sessionStorage' },
      system: { allowPlatformBroker: false },
    });
    await pca.initialize();
    const redirect = await pca.handleRedirectPromise();
    const account = redirect?.account ?? pca.getAllAccounts()[0];
    if (!account) {
      const button = document.getElementById('sign-in');
      button.hidden = false;
      button.addEventListener('click', () => { void pca.loginRedirect({ scopes: ['User.Read'] }); });
      report('signed-out', {});
      return;
    }
    const silent = await pca.acquireTokenSilent({ scopes: ['User.Read'], account });
    const response = await fetch(settings.tesseraOrigin + '/v1.0/me', { headers: { Authorization: 'Bearer ' + silent.accessToken } });
    const me = await response.json();
    report('signed-in', {
      account: { username: account.username, tenantId: account.tenantId, name: account.name },
      redirect: redirect ? { scopes: redirect.scopes, idTokenClaims: { aud: redirect.idTokenClaims.aud, iss: redirect.idTokenClaims.iss } } : null,
      silent: { scopes: silent.scopes, fromCache: silent.fromCache, accessToken: silent.accessToken },
      graph: { status: response.status, me },
    });
    document.getElementById('sign-in').hidden = true;
    status.textContent = 'Signed in as ' + (me.displayName ?? '?') + ' (' + (me.userPrincipalName ?? '?') + ')';
  } catch (error) {
    report('error', { name: error?.name, errorCode: error?.errorCode, message: String(error?.message ?? error) });
  }
})();
`;
}

export async function startSpaServer(options: { host: string; certPem: string; keyPem: string }): Promise<SpaServer> {
  const bundle = await readFile(MSAL_BUNDLE);
  let url = '';
  let settings: SpaSettings | undefined;
  const server: Server = createServer({ cert: options.certPem, key: options.keyPem }, (request, response) => {
    const path = new URL(request.url ?? '/', 'https://spa.invalid').pathname;
    const csp = `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self' ${settings?.tesseraOrigin ?? ''}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
    const send = (type: string, body: string | Buffer) => response.writeHead(200, { 'content-type': type, 'content-security-policy': csp, 'cache-control': 'no-store' }).end(body);
    if (path === '/' && settings) send('text/html; charset=utf-8', PAGE);
    else if (path === '/msal-browser.min.js') send('text/javascript; charset=utf-8', bundle);
    else if (path === '/app.js' && settings) send('text/javascript; charset=utf-8', appScript(settings, url));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, options.host, resolve));
  url = `https://${options.host}:${(server.address() as AddressInfo).port}/`;
  return { url, configure: (value) => (settings = value), close: () => new Promise((resolve) => server.close(() => resolve())) };
}
