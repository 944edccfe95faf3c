// The environment of the PATCH /users tests: a tenant with a Global Administrator, a User
// Administrator, members, and daemons holding user-write and user-read application permissions;
// plus delegated Graph tokens minted the way the sign-in grants mint them (test/graph/delegated).
import assert from 'node:assert/strict';
import { GRAPH_APP_ID, GRAPH_RESOURCE_URI } from '../../../src/directory/graph-catalog.js';
import type { EnvironmentInput } from '../../../src/environment/schema.js';
import { issuerV1 } from '../../../src/protocol/issuers.js';
import { mintDelegatedAccessToken } from '../../../src/tokens/access-token.js';
import { accessTokenAudience } from '../../../src/tokens/claims/delegated.js';
import { newTokenHandles } from '../../../src/tokens/claims/handles.js';
import { pairwiseSubject, pairwiseTenantKey } from '../../../src/tokens/claims/subject.js';
import { tokenTimes } from '../../../src/tokens/lifetime.js';
import type { Tessera } from '../graph-helpers.js';
import { SECRET } from '../graph.config.js'; // appToken's client secret

export const TENANT = '9a7c0000-0000-4000-8000-00000000000a';
export const OTHER_TENANT = '9a7c0000-0000-4000-8000-00000000000b';
export const CLIENT = '9a7c0000-0000-4000-8000-0000000c1e00';

export const ADMIN = '9a7c0000-0000-4000-8000-0000000ad000'; // Global Administrator
export const USER_ADMIN = '9a7c0000-0000-4000-8000-0000000ad001'; // User Administrator
export const ADA = '9a7c0000-0000-4000-8000-00000000a5e1'; // member
export const BEN = '9a7c0000-0000-4000-8000-00000000b0b0'; // member
export const CARA = '9a7c0000-0000-4000-8000-00000000ca2a'; // member
export const OUTSIDER = '9a7c0000-0000-4000-8000-0000000f0001'; // in OTHER_TENANT

export const DAEMONS = {
  writer: '9a7c0000-0000-4000-8000-0000000da001', // User.ReadWrite.All
  reader: '9a7c0000-0000-4000-8000-0000000da002', // User.Read.All
  phones: '9a7c0000-0000-4000-8000-0000000da003', // User-Phone.ReadWrite.All
} as const;

export const DENIED = 'Insufficient privileges to complete the operation.';

function daemon(appId: string, displayName: string, permissions: string[]) {
  return { appId, displayName, secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': { application: permissions } } };
}

export const environment: EnvironmentInput = {
  tenants: [
    {
      id: TENANT,
      displayName: 'Patchworks',
      domain: 'patchworks',
      customDomains: ['patchworks.example'],
      users: [
        { id: ADMIN, userPrincipalName: 'admin@patchworks.onmicrosoft.com', displayName: 'Grace Admin', roles: ['Global Administrator'] },
        { id: USER_ADMIN, userPrincipalName: 'uadmin@patchworks.onmicrosoft.com', displayName: 'Uma Useradmin', roles: ['User Administrator'] },
        { id: ADA, userPrincipalName: 'ada@patchworks.onmicrosoft.com', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace', jobTitle: 'Analyst', businessPhones: ['+1 555 0100'] },
        { id: BEN, userPrincipalName: 'ben@patchworks.onmicrosoft.com', displayName: 'Ben Bell', jobTitle: 'Engineer' },
        { id: CARA, userPrincipalName: 'cara@patchworks.onmicrosoft.com', displayName: 'Cara Chen' },
      ],
      applications: [
        { appId: CLIENT, displayName: 'Profile editor', publicClient: { redirectUris: ['http://localhost'] } },
        daemon(DAEMONS.writer, 'Writer daemon', ['User.ReadWrite.All']),
        daemon(DAEMONS.reader, 'Reader daemon', ['User.Read.All']),
        daemon(DAEMONS.phones, 'Phones daemon', ['User-Phone.ReadWrite.All']),
      ],
      consent: [{ application: 'Writer daemon' }, { application: 'Reader daemon' }, { application: 'Phones daemon' }],
    },
    {
      id: OTHER_TENANT,
      displayName: 'Elsewhere',
      domain: 'elsewhere',
      users: [{ id: OUTSIDER, userPrincipalName: 'olga@elsewhere.onmicrosoft.com', displayName: 'Olga Outsider' }],
    },
  ],
};

/** A v1 Graph access token for `userId` with `scopes`, as the token endpoint mints it (with `wids`). */
export async function delegatedToken(tessera: Tessera, userId: string, scopes: string[]): Promise<string> {
  const user = await tessera.directory.getUser(TENANT, userId);
  assert.ok(user, userId);
  const { token } = await mintDelegatedAccessToken(tessera.keys, {
    version: 1,
    audience: accessTokenAudience(1, GRAPH_RESOURCE_URI, GRAPH_APP_ID),
    issuer: issuerV1(tessera.url, TENANT),
    tenantId: TENANT,
    client: { appId: CLIENT, authClass: '0', displayName: 'Profile editor' },
    user,
    subject: pairwiseSubject(pairwiseTenantKey(tessera.secrets.pairwise, TENANT), { tenantId: TENANT, userObjectId: userId, recipientAppId: GRAPH_APP_ID }),
    identityProvider: null,
    scopes,
    roles: [],
    includeDirectoryRoles: true,
    profileScope: false,
    optionalClaims: new Set(),
    signIn: { methods: ['pwd'], authTime: Math.floor(Date.now() / 1000), sessionId: null, ipAddress: null },
    times: tokenTimes(new Date(), 3600),
    handles: newTokenHandles(),
  }, GRAPH_APP_ID);
  return token;
}

export interface PatchResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

/** PATCH `path` with `body` as JSON (a string is sent as is) and `contentType` (null: none). */
export async function patch(tessera: Tessera, path: string, token: string, body: unknown, contentType: string | null = 'application/json'): Promise<PatchResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType !== null) headers['content-type'] = contentType;
  const text0 = typeof body === 'string' ? body : JSON.stringify(body);
  // Bytes: fetch would add `Content-Type: text/plain` to a string body.
  const response = await fetch(`${tessera.url}${path}`, { method: 'PATCH', headers, body: new TextEncoder().encode(text0) });
  const text = await response.text();
  const parsed = text !== '' && (response.headers.get('content-type') ?? '').startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, text, body: parsed };
}
