/**
 * CORS of the token endpoints (protocol.md §4.3): the preflight a single-page app's browser
 * sends before POSTing to `/token` (headers as msal-browser sends them), the origin echoed on the
 * token answer, error or not, and discovery/JWKS open to every origin.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera } from '../../helpers/tessera.js';
import { DAEMON, DAEMON_SECRET, environment, TENANT_A } from '../client-credentials/client-credentials.config.js';
import { createCertificates } from '../client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
const ORIGIN = 'https://spa.example:3000';
// What msal-browser 3/4 asks for on a code redemption.
const MSAL_BROWSER_HEADERS = 'content-type,client-request-id,x-client-sku,x-client-ver,x-client-os,x-client-cpu,x-ms-lib-capability,x-client-current-telemetry,x-client-last-telemetry';

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
});
after(() => tessera.close());

function preflight(path: string, headers: Record<string, string>) {
  return fetch(`${tessera.url}${path}`, { method: 'OPTIONS', headers });
}

describe('OPTIONS /token (CORS preflight)', () => {
  for (const path of [`/${TENANT_A}/oauth2/v2.0/token`, '/common/oauth2/v2.0/token', `/${TENANT_A}/oauth2/token`]) {
    it(`answers ${path} with 204, the origin, POST and the requested msal-browser headers`, async () => {
      const response = await preflight(path, { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': MSAL_BROWSER_HEADERS });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(response.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
      assert.equal(response.headers.get('access-control-allow-headers'), MSAL_BROWSER_HEADERS.split(',').join(', '));
      assert.equal(response.headers.get('access-control-max-age'), '86400');
      assert.match(response.headers.get('vary') ?? '', /Origin/);
      assert.equal(await response.text(), '');
    });
  }

  it('does not allow headers outside the list (the browser then refuses the request)', async () => {
    const response = await preflight(`/${TENANT_A}/oauth2/v2.0/token`, { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization, x-evil' });
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
  });

  it('does not echo a malformed Origin', async () => {
    const response = await preflight(`/${TENANT_A}/oauth2/v2.0/token`, { origin: 'https://a.example/path', 'access-control-request-method': 'POST' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('POST /token answers the calling origin', () => {
  it('on success and on error (so the SPA can read the AADSTS code)', async () => {
    const headers = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await fetch(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, { method: 'POST', headers, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' }) });
    // Client credentials with an Origin: whatever the grant decides, the answer is readable.
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    const bad = await fetch(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, { method: 'POST', headers, body: 'grant_type=nope' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), ORIGIN);
    assert.deepEqual(((await bad.json()) as { error_codes: number[] }).error_codes, [70003]);
    const v1 = await fetch(`${tessera.url}/${TENANT_A}/oauth2/token`, { method: 'POST', headers, body: 'grant_type=nope' });
    assert.equal(v1.headers.get('access-control-allow-origin'), ORIGIN);
  });

  it('without Origin: no CORS header', async () => {
    const response = await fetch(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=nope' });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('discovery and JWKS stay open to every origin', () => {
  it('answer Access-Control-Allow-Origin: *', async () => {
    for (const path of [`/${TENANT_A}/v2.0/.well-known/openid-configuration`, `/${TENANT_A}/discovery/v2.0/keys`, `/${TENANT_A}/.well-known/openid-configuration`]) {
      const response = await fetch(`${tessera.url}${path}`, { headers: { origin: ORIGIN } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
    }
  });
});
