/**
 * Delegated access tokens and ID tokens minted with the running server's own KeyStore
 * (tokens.md §4, §9) validate like a resource server / OIDC client validates them (tokens.md
 * §7.3): jose `jwtVerify` against the JWKS the discovery document points at, over HTTPS, with
 * the discovery issuer and the expected audience; Graph accepts its delegated token on `/me`.
 * The grants that will issue these tokens (issue 7) only assemble the same inputs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { GRAPH_APP_ID } from '../../../src/directory/graph-catalog.js';
import { parseDelegatedScope, accessTokenScopeValues, tokenResource } from '../../../src/protocol/delegated-scopes.js';
import { issuerV1, issuerV2 } from '../../../src/protocol/issuers.js';
import { mintDelegatedAccessToken } from '../../../src/tokens/access-token.js';
import { buildIdTokenClaims, ID_TOKEN_LIFETIME_SECONDS, leftHalfHash } from '../../../src/tokens/claims/id-token.js';
import { accessTokenAudience, directoryRolesInAccessToken, type DelegatedClaimsInput, type TokenUser } from '../../../src/tokens/claims/delegated.js';
import { newTokenHandles } from '../../../src/tokens/claims/handles.js';
import { pairwiseSubject, pairwiseTenantKey } from '../../../src/tokens/claims/subject.js';
import { mintIdToken } from '../../../src/tokens/id-token.js';
import { tokenTimes } from '../../../src/tokens/lifetime.js';
import { bootTessera, getJson } from '../../helpers/tessera.js';

const TENANT = '5d1e0000-0000-4000-8000-00000000000a';
const CLIENT = '5d1e0000-0000-4000-8000-0000000c1e00';
const API = '5d1e0000-0000-4000-8000-0000000a9100';
const USER = '5d1e0000-0000-4000-8000-00000000a5e1';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PAIRWISE_KEY = pairwiseTenantKey(new Uint8Array(32).fill(1), TENANT);

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let user: TokenUser;

before(async () => {
  tessera = await bootTessera({
    environment: {
      tenants: [{
        id: TENANT,
        displayName: 'Contoso',
        domain: 'contoso',
        users: [{ id: USER, userPrincipalName: 'ada@contoso.onmicrosoft.com', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace', roles: ['Global Administrator'] }],
        applications: [
          { appId: API, displayName: 'Notes API', identifierUris: [`api://${API}`], accessTokenAcceptedVersion: 2, scopes: [{ value: 'access_as_user' }] },
          { appId: CLIENT, displayName: 'Notes', publicClient: { redirectUris: ['http://localhost'] } },
        ],
      }],
    },
  });
  const directoryUser = await tessera.directory.getUser(TENANT, USER);
  assert.ok(directoryUser);
  assert.deepEqual(directoryUser.directoryRoles, [GLOBAL_ADMIN]);
  user = directoryUser;
});
after(() => tessera.close());

async function discovery(version: 1 | 2) {
  const path = version === 2 ? 'v2.0/.well-known/openid-configuration' : '.well-known/openid-configuration';
  const { body } = await getJson(`${tessera.url}/${TENANT}/${path}`);
  return { issuer: body.issuer as string, jwks: createRemoteJWKSet(new URL(body.jwks_uri as string)) };
}

function accessTokenInput(scope: string, version: 1 | 2, resourceAppId: string): DelegatedClaimsInput {
  const request = parseDelegatedScope(scope);
  const resource = tokenResource(request, { multiple: 'reject' });
  return {
    version,
    audience: accessTokenAudience(version, resource.resource, resourceAppId),
    issuer: version === 2 ? issuerV2(tessera.url, TENANT) : issuerV1(tessera.url, TENANT),
    tenantId: TENANT,
    client: { appId: CLIENT, authClass: '0', displayName: 'Notes' },
    user,
    subject: pairwiseSubject(PAIRWISE_KEY, { tenantId: TENANT, userObjectId: USER, recipientAppId: resourceAppId }),
    identityProvider: null,
    scopes: accessTokenScopeValues(resource, resource.isGraph ? ['User.Read'] : ['access_as_user'], request.oidc),
    roles: [],
    includeDirectoryRoles: directoryRolesInAccessToken(resourceAppId, null),
    profileScope: request.oidc.has('profile'),
    optionalClaims: new Set(),
    signIn: { methods: ['pwd'], authTime: Math.floor(Date.now() / 1000), sessionId: null, ipAddress: '127.0.0.1' },
    times: tokenTimes(new Date(), 3600),
    handles: newTokenHandles(),
  };
}

describe('delegated access tokens signed by the running server', () => {
  it('v2 token for an API: verifies against the v2 JWKS with the v2 issuer and the API appId as audience', async () => {
    const { token } = await mintDelegatedAccessToken(tessera.keys, accessTokenInput(`api://${API}/access_as_user openid profile`, 2, API), API);
    const { issuer, jwks } = await discovery(2);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience: API, algorithms: ['RS256'] });
    assert.deepEqual(Object.keys(protectedHeader), ['typ', 'alg', 'kid']);
    assert.equal(payload.scp, 'access_as_user');
    assert.equal(payload.azp, CLIENT);
    assert.equal(payload.preferred_username, 'ada@contoso.onmicrosoft.com');
    assert.equal('wids' in payload, false, 'the API does not ask for directory roles');
  });

  it('v1 Graph token: nonce header, verifies against the v1 JWKS, and Graph answers /me for the user', async () => {
    const { token } = await mintDelegatedAccessToken(tessera.keys, accessTokenInput('User.Read openid profile', 1, GRAPH_APP_ID), GRAPH_APP_ID);
    const header = decodeProtectedHeader(token);
    assert.deepEqual(Object.keys(header), ['typ', 'alg', 'x5t', 'kid', 'nonce']);
    const { issuer, jwks } = await discovery(1);
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: 'https://graph.microsoft.com', algorithms: ['RS256'] });
    assert.equal(payload.scp, 'User.Read openid profile');
    assert.deepEqual(payload.wids, [GLOBAL_ADMIN]);
    assert.deepEqual(payload.amr, ['pwd']);
    const me = await fetch(`${tessera.url}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, await me.clone().text());
    const body = (await me.json()) as Record<string, unknown>;
    assert.equal(body.id, USER);
    assert.equal(body.userPrincipalName, 'ada@contoso.onmicrosoft.com');
  });
});

describe('ID tokens signed by the running server', () => {
  const idInput = (version: 1 | 2, issuedWith?: { code?: string }) => ({
    version,
    clientAppId: CLIENT,
    issuer: version === 2 ? issuerV2(tessera.url, TENANT) : issuerV1(tessera.url, TENANT),
    tenantId: TENANT,
    user,
    subject: pairwiseSubject(PAIRWISE_KEY, { tenantId: TENANT, userObjectId: USER, recipientAppId: CLIENT }),
    identityProvider: null,
    oidcScopes: new Set(['openid', 'profile']),
    nonce: 'n-0S6_WzA2Mj',
    roles: [],
    optionalClaims: new Set<string>(),
    maxAgeRequested: false,
    signIn: { methods: ['pwd'], authTime: Math.floor(Date.now() / 1000), sessionId: '5d1e0000-0000-4000-8000-00000000535e', ipAddress: null },
    ...(issuedWith ? { issuedWith } : {}),
    times: tokenTimes(new Date(), ID_TOKEN_LIFETIME_SECONDS),
    handles: newTokenHandles(),
  });

  it('v2: verifies with the v2 issuer and the client as audience; sub differs from the access token sub', async () => {
    const { token, claims } = await mintIdToken(tessera.keys, idInput(2, { code: 'a-code' }));
    const { issuer, jwks } = await discovery(2);
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: CLIENT, algorithms: ['RS256'] });
    assert.deepEqual(payload, claims);
    assert.equal(payload.nonce, 'n-0S6_WzA2Mj');
    assert.equal(payload.c_hash, leftHalfHash('a-code'));
    const at = accessTokenInput(`api://${API}/access_as_user`, 2, API);
    assert.notEqual(payload.sub, at.subject, 'pairwise: the client and the API see different subjects');
  });

  it('v1 from /authorize: signed with x5t, verifies with the v1 issuer', async () => {
    const { token } = await mintIdToken(tessera.keys, idInput(1));
    assert.equal(decodeProtectedHeader(token).x5t, decodeProtectedHeader(token).kid);
    const { issuer, jwks } = await discovery(1);
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: CLIENT, algorithms: ['RS256'] });
    assert.equal(payload.ver, '1.0');
    assert.equal(payload.unique_name, 'ada@contoso.onmicrosoft.com');
    assert.deepEqual(buildIdTokenClaims(idInput(1)).amr, ['pwd']);
  });

  it('v1 unsigned (alg none) is refused by jwtVerify: only clients that skip validation take it', async () => {
    const { token } = await mintIdToken(tessera.keys, idInput(1), { unsigned: true });
    const { issuer, jwks } = await discovery(1);
    await assert.rejects(jwtVerify(token, jwks, { issuer, audience: CLIENT }));
  });
});
