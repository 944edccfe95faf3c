/**
 * Front-channel logout in Chromium (OIDC Front-Channel Logout 1.0 §2, §4; protocol.md §7): the
 * page Tessera answers `/logout` with loads every participating app's `logoutUrl` (with `iss`
 * and `sid`) in hidden iframes — a local server records the GETs — without a CSP violation, and
 * with a registered `post_logout_redirect_uri` then continues to it.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connect } from 'node:tls';
import type { Browser } from 'playwright-core';
import { newHandle } from '../../../src/state/handles.js';
import { SECURE_SESSION_COOKIE } from '../../../src/web/cookies.js';
import { collectConsole, launchBrowser, newContext } from '../../helpers/browser.js';
import { bootTessera } from '../../helpers/tessera.js';
import { ADA, CALENDAR, logoutEnvironment, NOTES, NOTES_REDIRECT, PLAIN, TENANT } from './logout.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let apps: Server;
let appsBase: string;
let browser: Browser;
const hits: URL[] = [];

/** The server's leaf certificate (what Chromium is told to trust). */
function serverCertificate(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(der).toString());
    });
    socket.on('error', reject);
  });
}

before(async () => {
  // The apps' front-channel logout endpoints (http://127.0.0.1 is a secure context for Chromium).
  apps = createServer((request, response) => {
    hits.push(new URL(request.url ?? '/', appsBase));
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>logged out</title>');
  });
  await new Promise<void>((resolve) => apps.listen(0, '127.0.0.1', resolve));
  appsBase = `http://127.0.0.1:${(apps.address() as AddressInfo).port}`;
  tessera = await bootTessera({ environment: logoutEnvironment(appsBase) });
  browser = await launchBrowser({ trust: [await serverCertificate(tessera.port)] });
});
after(async () => {
  await browser?.close();
  await tessera?.close();
  await new Promise((resolve) => apps?.close(resolve));
});

async function signedInPage() {
  const handle = newHandle('ss');
  await tessera.state.sessions.create(handle);
  for (const clientId of [NOTES, CALENDAR, PLAIN]) await tessera.state.sessions.addAccount(handle, { tenantId: TENANT, userId: ADA, authTime: new Date(), amr: ['pwd'], clientId });
  const context = await newContext(browser);
  await context.addCookies([{ name: SECURE_SESSION_COOKIE, value: handle, url: tessera.url, secure: true, httpOnly: true, sameSite: 'None' }]);
  const page = await context.newPage();
  return { context, page, handle, sid: (await tessera.state.sessions.get(handle))!.accounts[0]!.sid };
}

const waitForHits = async (count: number) => {
  for (let i = 0; i < 100 && hits.length < count; i++) await new Promise((r) => setTimeout(r, 50));
};

describe('front-channel logout in Chromium', () => {
  it('the signed-out page loads each app\'s logout URL with iss and sid, without CSP violations', async () => {
    hits.length = 0;
    const { context, page, sid } = await signedInPage();
    const console = collectConsole(page);
    const response = await page.goto(`${tessera.url}/${TENANT}/oauth2/v2.0/logout`);
    assert.equal(response?.status(), 200);
    assert.match(await page.textContent('h1') ?? '', /You signed out/);
    await waitForHits(2);
    assert.deepEqual(hits.map((u) => u.pathname).sort(), ['/calendar/logout', '/notes/logout']);
    for (const hit of hits) {
      assert.equal(hit.searchParams.get('iss'), `${tessera.url}/${TENANT}/v2.0`);
      assert.equal(hit.searchParams.get('sid'), sid);
    }
    assert.deepEqual(console.filter((m) => /Content Security Policy|Refused/.test(m)), []);
    assert.deepEqual((await context.cookies(tessera.url)).filter((c) => c.name === SECURE_SESSION_COOKIE), []);
    await context.close();
  });

  it('with a registered post_logout_redirect_uri: the iframes load, then the browser continues to it with state', async () => {
    hits.length = 0;
    const { context, page } = await signedInPage();
    // The app's signed-out page, answered by the browser itself (notes.example does not exist).
    await page.route('https://notes.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>notes</title>' }));
    const arrived = page.waitForURL(/^https:\/\/notes\.example\//);
    await page.goto(`${tessera.url}/${TENANT}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(NOTES_REDIRECT)}&state=xyz`);
    await arrived;
    assert.equal(page.url(), `${NOTES_REDIRECT}?state=xyz`);
    assert.deepEqual(hits.map((u) => u.pathname).sort(), ['/calendar/logout', '/notes/logout']);
    await context.close();
  });
});
