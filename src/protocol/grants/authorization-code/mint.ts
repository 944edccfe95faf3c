/**
 * Minting the user tokens of a sign-in (tokens.md §4, §9), shared by the code redemption and by
 * `/authorize` for `id_token` / `token` responses: the access token for the one resource of a
 * {@link RedemptionScope}, and the ID token for the client.
 */
import { GRAPH_APP_ID } from '../../../directory/graph-catalog.js';
import type { Application, Tenant, User } from '../../../directory/types.js';
import type { AppDeps } from '../../../server/deps.js';
import { mintDelegatedAccessToken } from '../../../tokens/access-token.js';
import type { ClientAuthClass } from '../../../tokens/claims/app-only.js';
import { accessTokenAudience, directoryRolesInAccessToken, type SignInFacts } from '../../../tokens/claims/delegated.js';
import { newTokenHandles } from '../../../tokens/claims/handles.js';
import { ID_TOKEN_LIFETIME_SECONDS } from '../../../tokens/claims/id-token.js';
import { optionalClaimNames } from '../../../tokens/claims/optional.js';
import { pairwiseSubject, pairwiseTenantKey } from '../../../tokens/claims/subject.js';
import { mintIdToken } from '../../../tokens/id-token.js';
import { randomLifetime, tokenTimes, type TokenTimes } from '../../../tokens/lifetime.js';
import { accessTokenScopeValues } from '../../delegated-scopes.js';
import { issuerV1, issuerV2 } from '../../issuers.js';
import type { RedemptionScope } from './scope.js';
import { userAppClaims } from './user-claims.js';

export interface MintContext {
  deps: AppDeps;
  /** Issuer base of the request. */
  base: string;
  tenant: Tenant;
  user: User;
  signIn: SignInFacts;
  client: { appId: string; authClass: ClientAuthClass; application: Application };
  /** Minted at `/authorize` (implicit / hybrid): the groups claim's URL-sized limit applies. */
  frontChannel?: boolean;
}

export async function mintUserAccessToken(m: MintContext, scope: RedemptionScope): Promise<{ token: string; times: TokenTimes }> {
  const { deps, tenant, user } = m;
  const resourceSp = scope.resolved.servicePrincipal;
  const [clientSp, resourceApp] = await Promise.all([
    deps.directory.getServicePrincipalByAppId(tenant.id, m.client.appId),
    resourceSp.appId === GRAPH_APP_ID ? undefined : deps.directory.getApplicationByAppId(resourceSp.appId),
  ]);
  const { roles, groupClaims } = await userAppClaims(deps, tenant.id, user, resourceSp.id, resourceApp?.groupMembershipClaims ?? null, m.frontChannel === true);
  const version = resourceSp.accessTokenVersion;
  const { min, max } = deps.config.accessTokenLifetime;
  const times = tokenTimes(deps.now(), randomLifetime({ min, max }));
  const { token } = await mintDelegatedAccessToken(deps.keys, {
    version,
    audience: accessTokenAudience(version, scope.resource.resource, resourceSp.appId),
    issuer: version === 2 ? issuerV2(m.base, tenant.id) : issuerV1(m.base, tenant.id),
    tenantId: tenant.id,
    client: { appId: m.client.appId, authClass: m.client.authClass, displayName: clientSp?.appDisplayName ?? m.client.application.displayName },
    user,
    subject: pairwiseSubject(pairwiseTenantKey(deps.secrets.pairwise, tenant.id), { tenantId: tenant.id, userObjectId: user.id, recipientAppId: resourceSp.appId }),
    identityProvider: null,
    scopes: accessTokenScopeValues(scope.resource, scope.grantedValues, scope.oidc),
    roles,
    groupClaims,
    includeDirectoryRoles: directoryRolesInAccessToken(resourceSp.appId, resourceApp?.groupMembershipClaims ?? null),
    profileScope: scope.originalOidc.has('profile'),
    optionalClaims: optionalClaimNames(resourceApp?.optionalClaims ?? null, 'accessToken'),
    signIn: m.signIn,
    times,
    handles: newTokenHandles(),
  }, resourceSp.appId);
  return { token, times };
}

export interface IdTokenRequest {
  version: 1 | 2;
  oidc: ReadonlySet<string>;
  nonce: string | undefined;
  maxAgeRequested: boolean;
  /** `/authorize` hybrid / implicit only: `c_hash`, `at_hash`. */
  issuedWith?: { code?: string; accessToken?: string };
}

export async function mintUserIdToken(m: MintContext, r: IdTokenRequest): Promise<string> {
  const { deps, tenant, user } = m;
  const clientSp = await deps.directory.getServicePrincipalByAppId(tenant.id, m.client.appId);
  const { roles, groupClaims } = await userAppClaims(deps, tenant.id, user, clientSp?.id, m.client.application.groupMembershipClaims, m.frontChannel === true);
  const { token } = await mintIdToken(deps.keys, {
    version: r.version,
    clientAppId: m.client.appId,
    issuer: r.version === 2 ? issuerV2(m.base, tenant.id) : issuerV1(m.base, tenant.id),
    tenantId: tenant.id,
    user,
    subject: pairwiseSubject(pairwiseTenantKey(deps.secrets.pairwise, tenant.id), { tenantId: tenant.id, userObjectId: user.id, recipientAppId: m.client.appId }),
    identityProvider: null,
    oidcScopes: r.oidc,
    nonce: r.nonce,
    roles,
    groupClaims,
    optionalClaims: optionalClaimNames(m.client.application.optionalClaims, 'idToken'),
    maxAgeRequested: r.maxAgeRequested,
    signIn: m.signIn,
    ...(r.issuedWith ? { issuedWith: r.issuedWith } : {}),
    times: tokenTimes(deps.now(), ID_TOKEN_LIFETIME_SECONDS),
    handles: newTokenHandles(),
  });
  return token;
}
