/**
 * `/{tenant}/oauth2/v2.0/logout` and v1 `/{tenant}/oauth2/logout` over HTTPS (protocol.md §7;
 * RP-Initiated Logout 1.0; Front-Channel Logout 1.0 §2): sessions made through the server's own
 * protocol state, the browser's cookie set by hand. Redirects only to registered URIs (with
 * state), the signed-out page otherwise; logout_hint ends one account; iframes for the apps'
 * front-channel logout URLs, allowed by the page's CSP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newHandle } from '../../../src/state/handles.js';
import { encodeLoginHintClaim } from '../../../src/tokens/claims/login-hint.js';
import { SECURE_SESSION_COOKIE } from '../../../src/web/cookies.js';
import { bootTessera } from '../../helpers/tessera.js';
import { ADA, BEN, CALENDAR, CALENDAR_REDIRECT, logoutEnvironment, NOTES, NOTES_REDIRECT, PLAIN, TENANT } from './logout.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
const LOGOUT_BASE = 'http://127.0.0.1:9';

before(async () => {
  tessera = await bootTessera({ environment: logoutEnvironment(LOGOUT_BASE) });
});
after(() => tessera.close());

/** A session with `accounts` ([user, clients]) signed in; returns the cookie handle. */
async function session(accounts: [string, string[]][]): Promise<string> {
  const handle = newHandle('ss');
  await tessera.state.sessions.create(handle);
  for (const [userId, clients] of accounts) {
    for (const clientId of clients.length ? clients : [undefined]) {
      await tessera.state.sessions.addAccount(handle, { tenantId: TENANT, userId, authTime: new Date(), amr: ['pwd'], ...(clientId ? { clientId } : {}) });
    }
  }
  return handle;
}

async function logout(query: Record<string, string>, handle?: string, options: { method?: 'GET' | 'POST'; path?: string } = {}) {
  const path = options.path ?? `/${TENANT}/oauth2/v2.0/logout`;
  const headers: Record<string, string> = handle ? { cookie: `${SECURE_SESSION_COOKIE}=${handle}` } : {};
  const form = new URLSearchParams(query).toString();
  const response = options.method === 'POST'
    ? await fetch(`${tessera.url}${path}`, { method: 'POST', redirect: 'manual', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form })
    : await fetch(`${tessera.url}${path}${form ? `?${form}` : ''}`, { redirect: 'manual', headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const iframeSources = (html: string) => [...html.matchAll(/<iframe class="fcl" hidden title="[^"]*" src="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&#38;', '&').replaceAll('&amp;', '&'));

describe('logout: where the browser goes', () => {
  it('redirects to a registered post_logout_redirect_uri of client_id, with state, and ends the session', async () => {
    const handle = await session([[ADA, [PLAIN]]]);
    const { status, headers } = await logout({ post_logout_redirect_uri: CALENDAR_REDIRECT, client_id: CALENDAR, state: 's t&1' }, handle);
    assert.equal(status, 302);
    assert.equal(headers.get('location'), 'https://calendar.example/bye?from=tessera&state=s+t%261');
    assert.match(headers.get('set-cookie') ?? '', new RegExp(`^${SECURE_SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`));
    assert.equal(await tessera.state.sessions.get(handle), undefined);
  });

  it('without client_id: accepts a URI registered on an app that took part in the session (POST too)', async () => {
    const handle = await session([[ADA, [PLAIN, NOTES]]]);
    // NOTES has a front-channel URL: the page loads it first, then continues to the app.
    const { status, text, headers } = await logout({ post_logout_redirect_uri: NOTES_REDIRECT }, handle, { method: 'POST' });
    assert.equal(status, 200);
    assert.match(text, /<a class="button" id="continue" href="https:\/\/notes\.example\/signed-out">/);
    assert.match(headers.get('content-security-policy') ?? '', /frame-src http:\/\/127\.0\.0\.1:9(;|$)/);
    assert.match(headers.get('content-security-policy') ?? '', /script-src 'nonce-/);
  });

  it('an unregistered URI, another app\'s URI, or none: the signed-out page, no redirect', async () => {
    for (const query of <Record<string, string>[]>[
      { post_logout_redirect_uri: 'https://evil.example/', client_id: NOTES },
      { post_logout_redirect_uri: CALENDAR_REDIRECT, client_id: NOTES },
      { post_logout_redirect_uri: NOTES_REDIRECT }, // no session: no participating app
      { post_logout_redirect_uri: `${NOTES_REDIRECT}/`, client_id: NOTES }, // exact match only
      {},
    ]) {
      const { status, headers, text } = await logout(query);
      assert.equal(status, 200, JSON.stringify(query));
      assert.equal(headers.get('location'), null);
      assert.match(headers.get('content-type') ?? '', /^text\/html/);
      assert.match(text, /You signed out of your account/);
      assert.doesNotMatch(text, /evil\.example/);
    }
  });

  it('v1 /oauth2/logout behaves alike', async () => {
    const { status, headers } = await logout({ post_logout_redirect_uri: CALENDAR_REDIRECT, client_id: CALENDAR }, undefined, { path: `/${TENANT}/oauth2/logout` });
    assert.equal(status, 302);
    assert.equal(headers.get('location'), CALENDAR_REDIRECT);
  });

  it('an unknown tenant is an HTML error page, not JSON', async () => {
    const { status, headers, text } = await logout({}, undefined, { path: '/no-such-tenant.example/oauth2/v2.0/logout' });
    assert.equal(status, 400);
    assert.match(headers.get('content-type') ?? '', /^text\/html/);
    assert.match(text, /AADSTS90002/);
  });
});

describe('logout: which accounts end', () => {
  it('logout_hint ends only that account; the cookie stays while another account remains', async () => {
    const handle = await session([[ADA, [NOTES]], [BEN, [CALENDAR]]]);
    const { status, headers, text } = await logout({ logout_hint: encodeLoginHintClaim({ tenantId: TENANT, objectId: BEN }) }, handle);
    assert.equal(status, 200);
    assert.equal(headers.get('set-cookie'), null);
    assert.match(text, /<strong>ben@logout\.onmicrosoft\.com<\/strong> is no longer signed in/);
    const left = await tessera.state.sessions.get(handle);
    assert.deepEqual(left?.accounts.map((a) => a.userId), [ADA]);
    // Only Ben's app is told.
    const sources = iframeSources(text);
    assert.equal(sources.length, 1);
    const url = new URL(sources[0]!);
    assert.equal(`${url.origin}${url.pathname}`, `${LOGOUT_BASE}/calendar/logout`);
    assert.equal(url.searchParams.get('tenant'), 'x');
    assert.equal(url.searchParams.get('iss'), `${tessera.url}/${TENANT}/v2.0`);
    assert.match(url.searchParams.get('sid') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('no hint (or one naming nobody here): every account ends, every participating app is told', async () => {
    const handle = await session([[ADA, [NOTES, PLAIN]], [BEN, [CALENDAR]]]);
    const { text, headers } = await logout({ logout_hint: 'not-a-hint' }, handle);
    assert.match(headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal(await tessera.state.sessions.get(handle), undefined);
    assert.deepEqual(iframeSources(text).map((s) => new URL(s).pathname).sort(), ['/calendar/logout', '/notes/logout']);
  });

  it('an unknown or ended session cookie is cleared and answered with the signed-out page', async () => {
    const { status, headers } = await logout({}, newHandle('ss'));
    assert.equal(status, 200);
    assert.match(headers.get('set-cookie') ?? '', /Max-Age=0/);
  });
});
