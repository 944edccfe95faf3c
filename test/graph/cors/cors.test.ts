/**
 * CORS on the Graph surface (src/graph/cors.ts): a single-page app on another origin preflights
 * `/v1.0/…` and `/oidc/userinfo`, then reads the answer — success or error — because every
 * response carries `Access-Control-Allow-Origin` and exposes Graph's correlation headers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APPS, CHRIS } from '../graph.config.js';
import { bootGraphTessera, graphClaims, tesseraSigned, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
const SPA_ORIGIN = 'https://spa.example';

before(async () => {
  tessera = await bootGraphTessera();
});
after(() => tessera.close());

const delegated = (scp: string) => tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, oid: CHRIS, sub: 'pairwise-subject', scp, name: 'x' }));

function preflight(path: string, method: string, headers: string) {
  return fetch(`${tessera.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin: SPA_ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

describe('Graph CORS', () => {
  it('answers the preflight of /v1.0/me, /beta/… and /oidc/userinfo with 204 and the allowed headers', async () => {
    for (const path of ['/v1.0/me', '/beta/users?$top=1', '/v1.0', '/oidc/userinfo']) {
      const response = await preflight(path, 'GET', 'authorization,client-request-id,consistencylevel,sdkversion,x-evil');
      assert.equal(response.status, 204, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
      assert.equal(response.headers.get('access-control-allow-headers'), 'authorization, client-request-id, consistencylevel, sdkversion', path);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /\bPATCH\b/);
      assert.equal(response.headers.get('access-control-max-age'), '86400');
      assert.equal(await response.text(), '');
    }
  });

  it('answers an OPTIONS that is no preflight (no Access-Control-Request-Method) with the 405 of an untaken method', async () => {
    for (const path of ['/v1.0/me', '/oidc/userinfo']) {
      const response = await fetch(`${tessera.url}${path}`, { method: 'OPTIONS', headers: { origin: SPA_ORIGIN } });
      assert.equal(response.status, 405, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'Request_BadRequest');
    }
  });

  it('lets the other origin read a 200 and expose request-id', async () => {
    const response = await fetch(`${tessera.url}/v1.0/me`, { headers: { origin: SPA_ORIGIN, authorization: `Bearer ${await delegated('User.Read')}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /\brequest-id\b.*\bclient-request-id\b.*\bWWW-Authenticate\b/);
    assert.equal(((await response.json()) as { id: string }).id, CHRIS);
  });

  it('lets the other origin read errors: 401 without a token, 400 for an unknown segment', async () => {
    const unauthenticated = await fetch(`${tessera.url}/v1.0/me`, { headers: { origin: SPA_ORIGIN } });
    assert.equal(unauthenticated.status, 401);
    assert.equal(unauthenticated.headers.get('access-control-allow-origin'), '*');
    assert.equal(((await unauthenticated.json()) as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    const unknown = await fetch(`${tessera.url}/v1.0/nosuchthing`, { headers: { origin: SPA_ORIGIN, authorization: `Bearer ${await delegated('User.Read')}` } });
    assert.equal(unknown.status, 400); // graph.md §1.7: Resource not found for the segment
    assert.equal(unknown.headers.get('access-control-allow-origin'), '*');
  });

  it('does the same for /oidc/userinfo: 200 with openid, 401 without a token', async () => {
    const ok = await fetch(`${tessera.url}/oidc/userinfo`, { headers: { origin: SPA_ORIGIN, authorization: `Bearer ${await delegated('openid profile')}` } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
    const refused = await fetch(`${tessera.url}/oidc/userinfo`, { method: 'POST', headers: { origin: SPA_ORIGIN } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
  });
});
