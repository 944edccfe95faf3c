/**
 * Client credentials on the v1 endpoint `/{tenant}/oauth2/token` (protocol.md §9.2, §11.2):
 * `resource=` instead of `scope`, numbers as strings, `expires_on`/`not_before`, `resource`
 * echoing exactly what was sent, token format still chosen by the resource (tokens.md §3).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, GRAPH, INVENTORY_API, INVENTORY_URI, ORDERS_URI, TENANT_A } from './client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let token: string;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
  token = `${tessera.url}/${TENANT_A}/oauth2/token`;
});
after(() => tessera.close());

async function getToken(resource: string) {
  const response = await postForm(token, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, resource });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const accessToken = response.body.access_token as string;
  return { ...response, claims: decodeJwt(accessToken), header: decodeProtectedHeader(accessToken) };
}

describe('client credentials, v1 endpoint', () => {
  it('answers the v1 field set with strings and echoes resource', async () => {
    const { body, claims } = await getToken('https://graph.microsoft.com');
    assert.deepEqual(Object.keys(body), ['token_type', 'expires_in', 'ext_expires_in', 'expires_on', 'not_before', 'resource', 'access_token']);
    for (const name of ['expires_in', 'ext_expires_in', 'expires_on', 'not_before']) assert.match(body[name] as string, /^\d+$/, name);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.resource, 'https://graph.microsoft.com');
    assert.equal(body.expires_on, String(claims.exp));
    assert.equal(body.not_before, String(claims.nbf));
    // protocol.md §9.2: expires_on − not_before = expires_in + the 300 s back-dating.
    assert.equal(Number(body.expires_on) - Number(body.not_before), Number(body.expires_in) + 300);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.iss, `${tessera.url}/${TENANT_A}/`);
    assert.deepEqual(claims.roles, ['User.Read.All']);
  });

  it('echoes the resource exactly as sent: trailing slash, appId', async () => {
    const slash = await getToken(ORDERS_URI);
    assert.equal(slash.body.resource, ORDERS_URI);
    assert.equal(slash.claims.aud, ORDERS_URI);
    const bare = await getToken('https://orders.contoso.example');
    assert.equal(bare.body.resource, 'https://orders.contoso.example');
    assert.equal(bare.claims.aud, 'https://orders.contoso.example');
    const byId = await getToken(GRAPH);
    assert.equal(byId.body.resource, GRAPH);
    assert.equal(byId.claims.aud, GRAPH);
    assert.ok(typeof byId.header.nonce === 'string');
  });

  it('issues the format the resource accepts, whatever the endpoint: v2 for a v2 API', async () => {
    const { body, claims, header } = await getToken(INVENTORY_URI);
    assert.equal(body.resource, INVENTORY_URI);
    assert.equal(claims.ver, '2.0');
    assert.equal(claims.aud, INVENTORY_API);
    assert.equal(claims.iss, `${tessera.url}/${TENANT_A}/v2.0`);
    assert.equal(header.x5t, undefined);
  });
});
