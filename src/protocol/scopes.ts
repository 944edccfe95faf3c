/**
 * Scope parsing for the token endpoint (protocol.md §10). Pure: no lookups here; the grant
 * resolves the resource identifier against the tenant's service principals.
 */
import { OAuthError } from './errors.js';

/** protocol.md §10.4: `{resource}/.default` = everything statically granted on that resource. */
export const DEFAULT_SCOPE_SUFFIX = '/.default';

/** The OIDC scopes (protocol.md §10.2); they name no resource of their own. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Split a `scope` parameter on spaces (protocol.md §10.1); empty entries are dropped. */
export function splitScopes(scope: string): string[] {
  return scope.split(' ').filter((s) => s.length > 0);
}

/**
 * The resource identifier of one `{resource}/.default` scope, or null when the scope is not of
 * that form. Only the final `/.default` is removed, so an identifier URI that itself ends with `/`
 * keeps it: `https://management.azure.com//.default` → `https://management.azure.com/`
 * (protocol.md §10.1, the double-slash rule).
 */
export function resourceOfDefaultScope(scope: string): string | null {
  // ENTRA-COMPAT: scope values match case-insensitively (protocol.md §10.1), `.default` too.
  if (!scope.toLowerCase().endsWith(DEFAULT_SCOPE_SUFFIX)) return null;
  const resource = scope.slice(0, -DEFAULT_SCOPE_SUFFIX.length);
  return resource.length > 0 ? resource : null;
}

/**
 * The resource a client-credentials request names: exactly one `{resource}/.default`, the
 * resource by identifier URI or appId (protocol.md §5.3, spec/clients.md item 12).
 *
 * @throws OAuthError AADSTS70011 for a list (several scopes, commas), AADSTS1002012 for a single
 * scope that is not `{resource}/.default` (a named permission, a bare `.default`).
 */
export function clientCredentialsResource(scope: string): string {
  const scopes = splitScopes(scope);
  // protocol.md §10.1: comma-separated lists are refused with AADSTS70011.
  if (scopes.length !== 1 || scope.includes(',')) throw new OAuthError(70011, [scope.trim()]);
  const only = scopes[0] as string;
  const resource = resourceOfDefaultScope(only);
  // ENTRA-COMPAT: a bare `.default` defaults to Graph for OBO consent (protocol.md §10.4), but
  // client credentials require the resource identifier in front of it (AADSTS1002012's text).
  if (resource === null) throw new OAuthError(1002012, [only]);
  return resource;
}
