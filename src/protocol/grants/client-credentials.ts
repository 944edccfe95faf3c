/**
 * `grant_type=client_credentials` on `/{tenant}/oauth2/v2.0/token` (`scope={resource}/.default`)
 * and the v1 `/{tenant}/oauth2/token` (`resource=`): an app-only access token for one resource
 * (protocol.md §5.3, §9.2; tokens.md §4). The token hot path (design.md Performance): every
 * lookup below is served from the directory's cache, and signing runs off the event loop.
 */
import type { ServicePrincipal, Tenant } from '../../directory/types.js';
import { isGuid } from '../../lib/ids.js';
import { signAccessToken } from '../../tokens/access-token.js';
import { buildAppOnlyClaims } from '../../tokens/claims/app-only.js';
import { newTokenHandles } from '../../tokens/claims/handles.js';
import { randomLifetime, tokenTimes } from '../../tokens/lifetime.js';
import { v1AccessTokenResponse, v2AccessTokenResponse } from '../../tokens/token-response.js';
import { authenticateClient, type AuthenticatedClient } from '../client-auth/index.js';
import { OAuthError } from '../errors.js';
import { issuerV1, issuerV2 } from '../issuers.js';
import { clientCredentialsResource } from '../scopes.js';
import type { Grant, TokenRequestContext, TokenResponse } from './types.js';

export const clientCredentials: Grant = {
  grantType: ['client_credentials'],
  // `scope` (v2) or `resource` (v1) is checked by the grant: the names differ per endpoint.
  parameters: [],
  async handle(ctx) {
    const tenant = requireTenant(ctx);
    const resourceIdentifier = requestedResource(ctx);
    const client = await authenticateClient(ctx, { confidentialRequired: true });
    const [clientSp, resourceSp] = await Promise.all([
      ctx.deps.directory.getServicePrincipalByAppId(tenant.id, client.clientId),
      ctx.deps.directory.findResourceServicePrincipal(tenant.id, resourceIdentifier),
    ]);
    checkClientInTenant(ctx, client, clientSp);
    checkResource(ctx, resourceIdentifier, resourceSp);
    const roles = await grantedRoles(ctx, tenant, client, clientSp, resourceSp);
    return issue(ctx, tenant, client, clientSp, resourceSp, resourceIdentifier, roles);
  },
};

// protocol.md §2.2, §17: client credentials need a specific tenant; `common`, `organizations`
// and `consumers` (the personal-accounts tenant holds no daemon apps) → AADSTS50059.
function requireTenant(ctx: TokenRequestContext): Tenant {
  if (ctx.tenant.alias !== null || ctx.tenant.tenant === null) throw new OAuthError(50059);
  return ctx.tenant.tenant;
}

// v2: one `{resource}/.default` scope (protocol.md §5.3); v1: `resource` (protocol.md §9.2).
function requestedResource(ctx: TokenRequestContext): string {
  const name = ctx.endpointVersion === 'v2' ? 'scope' : 'resource';
  const value = ctx.params[name];
  if (value === undefined || value === '') throw new OAuthError(900144, [name]);
  return ctx.endpointVersion === 'v2' ? clientCredentialsResource(value) : value;
}

// protocol.md §5.3: the client's service principal must exist in the token's tenant (home
// tenant, or another one after consent to a multi-tenant app) → else AADSTS700016.
function checkClientInTenant(ctx: TokenRequestContext, client: AuthenticatedClient, clientSp: ServicePrincipal | undefined): asserts clientSp is ServicePrincipal {
  const tenant = ctx.tenant.tenant as Tenant;
  if (clientSp === undefined) throw new OAuthError(700016, [client.clientId, tenant.displayName]);
  // protocol.md §15.2: a disabled service principal cannot sign in (AADSTS7000112).
  if (!clientSp.accountEnabled) throw new OAuthError(7000112, [clientSp.displayName, client.clientId]);
}

// protocol.md §5.3: the resource's service principal must exist in the tenant → AADSTS500011.
function checkResource(ctx: TokenRequestContext, identifier: string, resourceSp: ServicePrincipal | undefined): asserts resourceSp is ServicePrincipal {
  const tenant = ctx.tenant.tenant as Tenant;
  if (resourceSp === undefined) throw new OAuthError(500011, [identifier, tenant.displayName]);
  if (!resourceSp.accountEnabled) throw new OAuthError(7000112, [resourceSp.displayName, resourceSp.appId]);
}

// `roles` = app roles of the resource assigned to the client's service principal in this tenant
// (protocol.md §5.3). None → a token without `roles`, unless the resource requires assignment.
async function grantedRoles(ctx: TokenRequestContext, tenant: Tenant, client: AuthenticatedClient, clientSp: ServicePrincipal, resourceSp: ServicePrincipal): Promise<string[]> {
  const roles = await ctx.deps.directory.assignedAppRoleValues(tenant.id, clientSp.id, resourceSp.id);
  if (roles.length === 0 && resourceSp.appRoleAssignmentRequired) {
    throw new OAuthError(501051, [client.application.displayName, client.clientId, resourceSp.displayName, resourceSp.appId]);
  }
  return roles;
}

async function issue(ctx: TokenRequestContext, tenant: Tenant, client: AuthenticatedClient, clientSp: ServicePrincipal, resourceSp: ServicePrincipal, identifier: string, roles: string[]): Promise<TokenResponse> {
  const version = resourceSp.accessTokenVersion;
  const { min, max } = ctx.deps.config.accessTokenLifetime;
  const times = tokenTimes(ctx.deps.now(), randomLifetime({ min, max }));
  const claims = buildAppOnlyClaims({
    version,
    // tokens.md §4.1: v2 → the resource's appId; v1 → the identifier the client used (an appId
    // in its canonical spelling).
    audience: version === 2 || isGuid(identifier) ? resourceSp.appId : identifier,
    issuer: version === 2 ? issuerV2(ctx.base, tenant.id) : issuerV1(ctx.base, tenant.id),
    tenantId: tenant.id,
    clientAppId: client.clientId,
    clientDisplayName: clientSp.appDisplayName,
    clientServicePrincipalId: clientSp.id,
    clientAuthClass: client.appidacr,
    roles,
    times,
    handles: newTokenHandles(),
  });
  const accessToken = await signAccessToken(ctx.deps.keys, claims, { version, resourceAppId: resourceSp.appId });
  // protocol.md §5.3: no refresh_token, no id_token, no scope; v1 fields per §9.2/§11.2.
  return ctx.endpointVersion === 'v2' ? v2AccessTokenResponse(accessToken, times) : v1AccessTokenResponse(accessToken, times, identifier);
}
