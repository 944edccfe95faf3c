/**
 * Delegated permissions of a sign-in (protocol.md §10, §14.2): the resources a parsed `scope`
 * names, resolved against the tenant's service principals, and what the user (or an admin for
 * everyone) has granted the client on each. Shared by `/authorize` (is consent needed?) and the
 * token endpoint (the `scp` of the access token), so both decide alike.
 *
 * Grants store scope *values* (`User.Read`, `openid`), as Entra's oAuth2PermissionGrant does;
 * the OIDC scopes are recorded on Microsoft Graph's grant, where Entra keeps them (§10.2: they are
 * "hosted on Microsoft Graph").
 */
import type { Directory } from '../../directory/directory.js';
import { GRAPH_APP_ID } from '../../directory/graph-catalog.js';
import type { PermissionScope, ServicePrincipal } from '../../directory/types.js';
import type { DelegatedScopeRequest, ResourceScopes } from '../delegated-scopes.js';
import { OAuthError } from '../errors.js';

/** One resource of the request, found in the tenant. */
export interface ResolvedResource {
  request: ResourceScopes;
  servicePrincipal: ServicePrincipal;
  /**
   * The resource's scope definitions the request names, in request order (for `.default`: none;
   * the grant decides). Disabled scopes are not definitions.
   */
  scopes: PermissionScope[];
}

/**
 * Find every resource of `request` in `tenantId` and the definitions of its named scopes.
 *
 * @throws OAuthError AADSTS500011 for a resource unknown in the tenant, AADSTS70011 for a scope
 * the resource does not define.
 */
export async function resolveResources(directory: Directory, tenantId: string, tenantName: string, request: DelegatedScopeRequest): Promise<ResolvedResource[]> {
  const resolved: ResolvedResource[] = [];
  for (const resource of request.resources) {
    const identifier = resource.implicit || resource.isGraph ? GRAPH_APP_ID : resource.resource;
    const servicePrincipal = await directory.findResourceServicePrincipal(tenantId, identifier);
    const scopes = scopeDefinitions(resource, servicePrincipal, tenantName);
    resolved.push({ request: resource, servicePrincipal: servicePrincipal as ServicePrincipal, scopes });
  }
  return resolved;
}

/**
 * Pure: the definitions of the scopes `resource` names on the tenant's `servicePrincipal`, in
 * request order (none for `.default`: the grant decides).
 *
 * @throws OAuthError AADSTS500011 (`invalid_resource`) when the tenant has no such resource;
 * AADSTS70011 (`invalid_scope`) for a value the resource does not define or has disabled.
 */
export function scopeDefinitions(resource: ResourceScopes, servicePrincipal: ServicePrincipal | undefined, tenantName: string): PermissionScope[] {
  if (servicePrincipal === undefined) throw new OAuthError(500011, [resource.resource.slice(0, 200), tenantName]);
  const scopes: PermissionScope[] = [];
  if (resource.isDefault || resource.implicit) return scopes;
  for (const wanted of resource.scopes) {
    // protocol.md §10.1: scope values match case-insensitively.
    const definition = servicePrincipal.oauth2PermissionScopes.find((s) => s.isEnabled && s.value.toLowerCase() === wanted.value.toLowerCase());
    if (definition === undefined) throw new OAuthError(70011, [wanted.written.slice(0, 200)]);
    if (!scopes.includes(definition)) scopes.push(definition);
  }
  return scopes;
}

/**
 * protocol.md §14.2 token-time evaluation: the scope values granted to `clientSpId` on
 * `resourceSpId`, by the user's own grant (`Principal`) and by an admin for everyone
 * (`AllPrincipals`), in lower case for comparison.
 */
export async function grantedScopeValues(directory: Directory, tenantId: string, clientSpId: string, resourceSpId: string, userId: string): Promise<Set<string>> {
  const grants = await directory.listOAuth2PermissionGrants(tenantId, clientSpId);
  const granted = await preAuthorizedValues(directory, tenantId, clientSpId, resourceSpId);
  for (const grant of grants) {
    if (grant.resourceId !== resourceSpId) continue;
    if (grant.consentType === 'Principal' && grant.principalId?.toLowerCase() !== userId.toLowerCase()) continue;
    for (const value of grant.scope.split(' ')) if (value !== '') granted.add(value.toLowerCase());
  }
  return granted;
}

/**
 * protocol.md §14.3: scopes the resource's `api.preAuthorizedApplications` lists for this client
 * count as granted to every user, without a grant record or a consent page (lower case).
 */
export async function preAuthorizedValues(directory: Directory, tenantId: string, clientSpId: string, resourceSpId: string): Promise<Set<string>> {
  const out = new Set<string>();
  const [client, resource] = await Promise.all([directory.getServicePrincipal(tenantId, clientSpId), directory.getServicePrincipal(tenantId, resourceSpId)]);
  if (client === undefined || resource === undefined || resource.appId === GRAPH_APP_ID) return out;
  const api = (await directory.getApplicationByAppId(resource.appId))?.api;
  const entry = api?.preAuthorizedApplications.find((p) => p.appId.toLowerCase() === client.appId.toLowerCase());
  if (entry === undefined) return out;
  const ids = new Set(entry.delegatedPermissionIds.map((id) => id.toLowerCase()));
  for (const scope of resource.oauth2PermissionScopes) if (scope.isEnabled && ids.has(scope.id.toLowerCase())) out.add(scope.value.toLowerCase());
  return out;
}
