/**
 * The resource and scopes one redemption issues for (protocol.md §5.1, §10.3, scenario 003): any
 * one resource the user consented to, named by `scope` at redemption (v2) or `resource` (v1);
 * without one, the first resource of the `/authorize` request. Every named scope must be granted
 * (AADSTS65001, `invalid_grant` at the token endpoint).
 */
import type { Tenant } from '../../../directory/types.js';
import type { AppDeps } from '../../../server/deps.js';
import type { AuthorizationCodeData } from '../../authorize/code-data.js';
import { parseDelegatedScope, tokenResource, type DelegatedScopeRequest, type ResourceScopes } from '../../delegated-scopes.js';
import { grantedScopeValues, resolveResources, type ResolvedResource } from '../../delegated/permissions.js';
import { OAuthError } from '../../errors.js';
import { OIDC_SCOPES } from '../../scopes.js';

export interface RedemptionScope {
  /** The resource in the form the client asked for it (for the echo). */
  resource: ResourceScopes;
  resolved: ResolvedResource;
  /** Granted scope values, the resource's spelling, request order first. */
  grantedValues: string[];
  /** OIDC scopes of this redemption (echoed). */
  oidc: DelegatedScopeRequest['oidc'];
  /** OIDC scopes of the `/authorize` request (id_token, refresh_token). */
  originalOidc: DelegatedScopeRequest['oidc'];
}

export interface RedemptionScopeOptions {
  /** Scopes of several resources: refused (code, AADSTS700022) or the first scope's resource (refresh, §10.3). */
  multiple: 'reject' | 'first';
  /** The refresh grant answers missing consent with `suberror: consent_required`, as Entra. */
  consentSuberror?: boolean;
}

export async function redemptionScope(deps: AppDeps, params: Readonly<Record<string, string>>, endpointVersion: 'v1' | 'v2', data: Pick<AuthorizationCodeData, 'scope' | 'resource'>, tenant: Tenant, clientAppId: string, userId: string, options: RedemptionScopeOptions = { multiple: 'reject' }): Promise<RedemptionScope> {
  const original = parseDelegatedScope(data.scope);
  let asked: DelegatedScopeRequest;
  let resource: ResourceScopes;
  if (endpointVersion === 'v1') {
    const identifier = params.resource ?? data.resource;
    if (!identifier) throw new OAuthError(900144, ['resource']);
    asked = parseDelegatedScope(`${identifier}/.default`);
    asked.oidc = original.oidc;
    resource = tokenResource(asked, { multiple: options.multiple });
  } else {
    asked = params.scope ? parseDelegatedScope(params.scope) : original;
    // §10.3: no `scope` sent → the first resource of the `/authorize` request, even among several.
    resource = tokenResource(asked, { multiple: params.scope ? options.multiple : 'first', fallback: original.resources[0] ?? null });
  }
  const [resolved] = await resolveResources(deps.directory, tenant.id, tenant.displayName, { oidc: asked.oidc, resources: [resource], errors: [] });
  if (resolved === undefined) throw new OAuthError(70000);
  const clientSp = await deps.directory.getServicePrincipalByAppId(tenant.id, clientAppId);
  const granted = clientSp === undefined ? new Set<string>() : await grantedScopeValues(deps.directory, tenant.id, clientSp.id, resolved.servicePrincipal.id, userId);
  // Entra names the client app in AADSTS65001 ("the application with ID '{appId}' named '{name}'").
  const consentMissing = () => new OAuthError(65001, [clientAppId, clientSp?.appDisplayName ?? clientAppId], { error: 'invalid_grant', ...(options.consentSuberror ? { suberror: 'consent_required' } : {}) });
  let grantedValues: string[];
  if (resource.isDefault || resource.implicit) {
    // OIDC values on Graph's grant are not resource scopes here: they follow from `oidc`.
    grantedValues = resolved.servicePrincipal.oauth2PermissionScopes.filter((s) => s.isEnabled && granted.has(s.value.toLowerCase()) && !OIDC_SCOPES.has(s.value.toLowerCase())).map((s) => s.value);
    if (resource.isDefault && grantedValues.length === 0) throw consentMissing();
  } else {
    if (resolved.scopes.some((s) => !granted.has(s.value.toLowerCase()))) throw consentMissing();
    grantedValues = resolved.scopes.map((s) => s.value);
  }
  return { resource, resolved, grantedValues, oidc: asked.oidc, originalOidc: original.oidc };
}
