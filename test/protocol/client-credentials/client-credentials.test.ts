/**
 * Client credentials on the v2 endpoint (protocol.md §5.3; tokens.md §2–§8): the response shape,
 * the v1/v2 token formats chosen by the resource, every app-only claim, roles from
 * appRoleAssignments, audiences by identifier URI and by appId, the Graph `nonce` header.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, GRAPH, INVENTORY_API, INVENTORY_URI, ORDERS_API, ORDERS_URI, TENANT_A } from './client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let token: string;
let daemonSp: string;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
  token = `${tessera.url}/${TENANT_A}/oauth2/v2.0/token`;
  daemonSp = tessera.applications.find((a) => a.appId === DAEMON)?.servicePrincipalId as string;
  assert.ok(daemonSp);
});
after(() => tessera.close());

async function getToken(scope: string, extra: Record<string, string> = {}) {
  const started = Math.floor(Date.now() / 1000);
  const response = await postForm(token, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope, ...extra });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const accessToken = response.body.access_token as string;
  return { ...response, started, claims: decodeJwt(accessToken), header: decodeProtectedHeader(accessToken) };
}

function assertLifetime(claims: JWTPayload, started: number, expiresIn: number): void {
  const { min, max } = { min: 3600, max: 5400 }; // config defaults (src/config/defaults.ts)
  assert.equal(claims.iat, claims.nbf);
  // tokens.md §8: iat/nbf back-dated 5 minutes; exp = issue time + lifetime.
  assert.ok(Math.abs((claims.iat as number) - (started - 300)) <= 2, 'iat back-dated 5 minutes');
  const lifetime = (claims.exp as number) - (claims.iat as number) - 300;
  assert.ok(lifetime >= min && lifetime <= max, `lifetime ${lifetime}`);
  assert.equal(expiresIn, lifetime);
}

describe('client credentials, v2 endpoint', () => {
  it('answers {token_type, expires_in, ext_expires_in, access_token} with integer numbers, never cached', async () => {
    const { body, headers, started, claims } = await getToken('https://graph.microsoft.com/.default');
    assert.deepEqual(Object.keys(body), ['token_type', 'expires_in', 'ext_expires_in', 'access_token']);
    assert.equal(body.token_type, 'Bearer');
    assert.ok(Number.isInteger(body.expires_in));
    assert.equal(body.ext_expires_in, body.expires_in);
    assert.equal(headers.get('cache-control'), 'no-store, no-cache');
    assert.equal(headers.get('pragma'), 'no-cache');
    assert.match(headers.get('content-type') ?? '', /^application\/json/);
    assertLifetime(claims, started, body.expires_in as number);
  });

  it('gives Graph a v1 token with a nonce header, aud as requested by URI, every app-only claim', async () => {
    const { claims, header } = await getToken('https://graph.microsoft.com/.default');
    assert.deepEqual(Object.keys(header), ['typ', 'alg', 'x5t', 'kid', 'nonce']);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.x5t, header.kid);
    assert.match(header.nonce as string, /^[A-Za-z0-9_-]{43}$/);
    const issuer = `${tessera.url}/${TENANT_A}/`;
    assert.deepEqual(
      { ...claims, iat: 0, nbf: 0, exp: 0, aio: '', rh: '', uti: '' },
      {
        aud: 'https://graph.microsoft.com',
        iss: issuer,
        iat: 0,
        nbf: 0,
        exp: 0,
        aio: '',
        app_displayname: 'Daemon',
        appid: DAEMON,
        appidacr: '1',
        idp: issuer,
        idtyp: 'app',
        oid: daemonSp,
        rh: '',
        roles: ['User.Read.All'],
        sub: daemonSp,
        tid: TENANT_A,
        uti: '',
        ver: '1.0',
      },
    );
    assert.match(claims.uti as string, /^[A-Za-z0-9_-]{22}$/);
    assert.match(claims.rh as string, /^0\.A[A-Za-z0-9_-]+\.$/);
    assert.ok((claims.aio as string).length > 20);
  });

  it('sets Graph aud to the appId GUID when Graph is requested by appId', async () => {
    const { claims } = await getToken(`${GRAPH}/.default`);
    assert.equal(claims.aud, GRAPH);
    assert.equal(claims.ver, '1.0');
  });

  it('gives each token fresh uti, aio, rh and nonce', async () => {
    const [a, b] = await Promise.all([getToken('https://graph.microsoft.com/.default'), getToken('https://graph.microsoft.com/.default')]);
    assert.notEqual(a.claims.uti, b.claims.uti);
    assert.notEqual(a.claims.aio, b.claims.aio);
    assert.notEqual(a.claims.rh, b.claims.rh);
    assert.notEqual(a.header.nonce, b.header.nonce);
  });

  it('gives a v1 API (accessTokenAcceptedVersion null) a v1 token: x5t header, no nonce, aud as used, its roles', async () => {
    const { claims, header } = await getToken(`${ORDERS_URI}/.default`);
    assert.deepEqual(Object.keys(header), ['typ', 'alg', 'x5t', 'kid']);
    // protocol.md §10.1: `https://orders.contoso.example//.default` names `https://orders.contoso.example/`.
    assert.equal(claims.aud, ORDERS_URI);
    assert.equal(claims.ver, '1.0');
    assert.deepEqual([...(claims.roles as string[])].sort(), ['Orders.Read.All', 'Orders.Write.All']);
  });

  it('takes the identifier URI without its trailing slash too, and the appId', async () => {
    const bare = await getToken('https://orders.contoso.example/.default');
    assert.equal(bare.claims.aud, 'https://orders.contoso.example');
    const byId = await getToken(`${ORDERS_API}/.default`);
    assert.equal(byId.claims.aud, ORDERS_API);
    assert.deepEqual([...(byId.claims.roles as string[])].sort(), ['Orders.Read.All', 'Orders.Write.All']);
  });

  it('gives a v2 API a v2 token: no x5t, aud = appId, azp/azpacr, v2 issuer, no roles without assignment', async () => {
    const { claims, header } = await getToken(`${INVENTORY_URI}/.default`);
    assert.deepEqual(Object.keys(header), ['typ', 'alg', 'kid']);
    const issuer = `${tessera.url}/${TENANT_A}/v2.0`;
    assert.deepEqual(Object.keys(claims), ['aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'azp', 'azpacr', 'idp', 'idtyp', 'oid', 'rh', 'sub', 'tid', 'uti', 'ver']);
    assert.equal(claims.aud, INVENTORY_API);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.azp, DAEMON);
    assert.equal(claims.azpacr, '1');
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.oid, daemonSp);
    assert.equal(claims.sub, daemonSp);
    assert.equal(claims.ver, '2.0');
  });

  it('ignores parameters msal adds (x-client-*, client_info, claims)', async () => {
    const { claims } = await getToken('https://graph.microsoft.com/.default', { 'x-client-SKU': 'msal.js.node', 'x-client-VER': '7.2.1', client_info: '1', claims: '{}', 'client-request-id': 'x' });
    assert.equal(claims.appid, DAEMON);
  });
});
