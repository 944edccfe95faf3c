/**
 * Graph with delegated tokens (issue 7 item 1; graph.md §2.1, §4.1 step 6; protocol.md §8.5):
 * real v1 Graph access tokens minted with the running server's own keystore and pairwise key,
 * as the sign-in grants will mint them. The effective permission is the scope ∩ what the
 * signed-in user may read; /oidc/userinfo answers the ID token's `sub`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GRAPH_APP_ID, GRAPH_RESOURCE_URI } from '../../../src/directory/graph-catalog.js';
import { issuerV1, issuerV2 } from '../../../src/protocol/issuers.js';
import { mintDelegatedAccessToken } from '../../../src/tokens/access-token.js';
import { accessTokenAudience } from '../../../src/tokens/claims/delegated.js';
import { newTokenHandles } from '../../../src/tokens/claims/handles.js';
import { ID_TOKEN_LIFETIME_SECONDS } from '../../../src/tokens/claims/id-token.js';
import { pairwiseSubject, pairwiseTenantKey } from '../../../src/tokens/claims/subject.js';
import { mintIdToken } from '../../../src/tokens/id-token.js';
import { tokenTimes } from '../../../src/tokens/lifetime.js';
import { bootTessera, getJson } from '../../helpers/tessera.js';
import { assertGraphError, assertGraphSuccess, callGraph } from '../graph-helpers.js';

const TENANT = 'de1e0000-0000-4000-8000-00000000000a';
const CLIENT = 'de1e0000-0000-4000-8000-0000000c1e00';
const OTHER_CLIENT = 'de1e0000-0000-4000-8000-0000000c1e01';
const ADA = 'de1e0000-0000-4000-8000-00000000a5e1';
const BEN = 'de1e0000-0000-4000-8000-00000000b0b0';
const GUEST = 'de1e0000-0000-4000-8000-00000000ce57';
const DENIED = 'Insufficient privileges to complete the operation.';

let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({
    environment: {
      tenants: [{
        id: TENANT,
        displayName: 'Delegated',
        domain: 'delegated',
        users: [
          { id: ADA, userPrincipalName: 'ada@delegated.onmicrosoft.com', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace', mail: 'ada@delegated.example', jobTitle: 'Analyst' },
          { id: BEN, userPrincipalName: 'ben@delegated.onmicrosoft.com', displayName: 'Ben Bell', givenName: 'Ben', surname: 'Bell', jobTitle: 'Engineer' },
          { id: GUEST, userPrincipalName: 'gail_fabrikam.com#EXT#@delegated.onmicrosoft.com', displayName: 'Gail Guest' },
        ],
        applications: [
          { appId: CLIENT, displayName: 'Notes', publicClient: { redirectUris: ['http://localhost'] } },
          { appId: OTHER_CLIENT, displayName: 'Other', publicClient: { redirectUris: ['http://localhost'] } },
        ],
      }],
    },
  });
});
after(() => tessera.close());

const tenantKey = () => pairwiseTenantKey(tessera.secrets.pairwise, TENANT);

async function graphToken(userId: string, scopes: string[], client = CLIENT): Promise<string> {
  const user = await tessera.directory.getUser(TENANT, userId);
  assert.ok(user);
  const { token } = await mintDelegatedAccessToken(tessera.keys, {
    version: 1,
    audience: accessTokenAudience(1, GRAPH_RESOURCE_URI, GRAPH_APP_ID),
    issuer: issuerV1(tessera.url, TENANT),
    tenantId: TENANT,
    client: { appId: client, authClass: '0', displayName: 'Notes' },
    user,
    subject: pairwiseSubject(tenantKey(), { tenantId: TENANT, userObjectId: userId, recipientAppId: GRAPH_APP_ID }),
    identityProvider: null,
    scopes,
    roles: [],
    includeDirectoryRoles: true,
    profileScope: scopes.includes('profile'),
    optionalClaims: new Set(),
    signIn: { methods: ['pwd'], authTime: Math.floor(Date.now() / 1000), sessionId: null, ipAddress: null },
    times: tokenTimes(new Date(), 3600),
    handles: newTokenHandles(),
  }, GRAPH_APP_ID);
  return token;
}

const get = async (path: string, userId: string, scopes: string[]) => callGraph(tessera, path, await graphToken(userId, scopes));

describe('delegated Graph: /me and /users per permission level', () => {
  it('User.Read: /me with the default set and $select; oneself by id; nobody else; no list', async () => {
    const me = await get('/v1.0/me', ADA, ['User.Read']);
    assertGraphSuccess(me);
    assert.deepEqual(Object.keys(me.body), ['@odata.context', 'id', 'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName']);
    assert.equal(me.body.jobTitle, 'Analyst');
    const selected = await get('/v1.0/me?$select=displayName,accountEnabled', ADA, ['User.Read']);
    assert.deepEqual(selected.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#users(displayName,accountEnabled)/$entity`, displayName: 'Ada Lovelace', accountEnabled: true });
    assertGraphSuccess(await get(`/v1.0/users/${ADA}`, ADA, ['User.Read']));
    assertGraphError(await get(`/v1.0/users/${BEN}`, ADA, ['User.Read']), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await get('/v1.0/users', ADA, ['User.Read']), 403, 'Authorization_RequestDenied', DENIED);
  });

  it('User.ReadBasic.All: others and the list with basic properties only', async () => {
    const ben = await get(`/v1.0/users/${BEN}`, ADA, ['User.ReadBasic.All']);
    assertGraphSuccess(ben);
    assert.equal(ben.body.displayName, 'Ben Bell');
    assert.equal(ben.body.jobTitle, null, 'jobTitle is not basic');
    const list = await get('/v1.0/users?$select=id,jobTitle', ADA, ['User.ReadBasic.All']);
    assertGraphSuccess(list);
    const rows = list.body.value as Record<string, unknown>[];
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.jobTitle === null));
  });

  it('User.Read.All: a member reads everyone in full, with $select', async () => {
    const ben = await get(`/v1.0/users/${BEN}?$select=jobTitle`, ADA, ['User.Read.All']);
    assert.deepEqual(ben.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#users(jobTitle)/$entity`, jobTitle: 'Engineer' });
    const list = await get('/v1.0/users?$select=jobTitle', ADA, ['User.Read.All']);
    assert.deepEqual((list.body.value as Record<string, unknown>[]).map((r) => r.jobTitle).sort(), ['Analyst', 'Engineer', null].sort());
  });

  it('User.Read.All used by a guest: bounded by what the guest may read (no list, basic profile of others)', async () => {
    assertGraphError(await get('/v1.0/users', GUEST, ['User.Read.All']), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await get('/v1.0/users/$count', GUEST, ['User.Read.All']), 403, 'Authorization_RequestDenied', DENIED);
    const ben = await get(`/v1.0/users/${BEN}`, GUEST, ['User.Read.All']);
    assertGraphSuccess(ben);
    assert.equal(ben.body.displayName, 'Ben Bell');
    assert.equal(ben.body.jobTitle, null);
    const self = await get(`/v1.0/users/${GUEST}?$select=userType`, GUEST, ['User.Read.All']);
    assert.equal(self.body.userType, 'Guest');
  });
});

describe('GET|POST /oidc/userinfo', () => {
  it("is discovery's v2 userinfo_endpoint", async () => {
    const { body } = await getJson(`${tessera.url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(body.userinfo_endpoint, `${tessera.url}/oidc/userinfo`);
  });

  it("answers the user's claims; sub equals the ID token's sub for the same client", async () => {
    const token = await graphToken(ADA, ['openid', 'profile', 'User.Read']);
    const response = await callGraph(tessera, '/oidc/userinfo', token);
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const user = await tessera.directory.getUser(TENANT, ADA);
    assert.ok(user);
    const { claims } = await mintIdToken(tessera.keys, {
      version: 2, clientAppId: CLIENT, issuer: issuerV2(tessera.url, TENANT), tenantId: TENANT, user,
      subject: pairwiseSubject(tenantKey(), { tenantId: TENANT, userObjectId: ADA, recipientAppId: CLIENT }),
      identityProvider: null, oidcScopes: new Set(['openid']), nonce: undefined, roles: [], optionalClaims: new Set(), maxAgeRequested: false,
      signIn: { methods: ['pwd'], authTime: Math.floor(Date.now() / 1000), sessionId: null, ipAddress: null },
      times: tokenTimes(new Date(), ID_TOKEN_LIFETIME_SECONDS), handles: newTokenHandles(),
    });
    assert.deepEqual(response.body, {
      sub: claims.sub,
      name: 'Ada Lovelace',
      family_name: 'Lovelace',
      given_name: 'Ada',
      picture: `${tessera.url}/v1.0/me/photo/$value`,
    });
    // Another client sees another pairwise subject.
    const other = await callGraph(tessera, '/oidc/userinfo', await graphToken(ADA, ['openid'], OTHER_CLIENT));
    assert.notEqual(other.body.sub, claims.sub);
    assert.equal(typeof other.body.sub, 'string');
  });

  it('adds email with the email scope, and takes POST (with a form body) alike', async () => {
    const token = await graphToken(ADA, ['openid', 'email']);
    const response = await callGraph(tessera, '/oidc/userinfo', token, { 'content-type': 'application/x-www-form-urlencoded' }, 'POST');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.email, 'ada@delegated.example');
  });

  it('refuses no token (401), a token without openid (403) and an app-only token (403)', async () => {
    assertGraphError(await callGraph(tessera, '/oidc/userinfo', null), 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    assertGraphError(await callGraph(tessera, '/oidc/userinfo', await graphToken(ADA, ['User.Read'])), 403, 'Authorization_RequestDenied', DENIED);
    const now = Math.floor(Date.now() / 1000);
    const sp = await tessera.directory.ensureServicePrincipal(TENANT, CLIENT);
    const appOnly = await tessera.keys.signJwt({ aud: GRAPH_RESOURCE_URI, iss: issuerV1(tessera.url, TENANT), iat: now, nbf: now, exp: now + 600, tid: TENANT, oid: sp.id, idtyp: 'app', roles: ['User.Read.All'], appid: CLIENT, ver: '1.0' }, { x5t: true });
    assertGraphError(await callGraph(tessera, '/oidc/userinfo', appOnly), 403, 'Authorization_RequestDenied', DENIED);
  });
});
