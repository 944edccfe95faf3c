/**
 * Delegated `scope` parameters at `/authorize` and `/token` (protocol.md §10): OIDC scopes,
 * resource scopes grouped per resource, the one resource an access token is for (§10.3) and the
 * `scope` echo of the token response (§10.6, spec/clients.md item 13). Pure: identifiers stay
 * as written; the grant resolves them against the tenant's service principals.
 */
import { GRAPH_APP_ID, GRAPH_RESOURCE_URI } from '../directory/graph-catalog.js';
import { OAuthError } from './errors.js';
import { OIDC_SCOPES, splitScopes } from './scopes.js';

export type OidcScope = 'openid' | 'profile' | 'email' | 'offline_access';

export interface RequestedScope {
  /** The scope exactly as written (`User.Read`, `api://x/access_as_user`). */
  written: string;
  /** The part after the resource identifier (`User.Read`, `access_as_user`, `.default`). */
  value: string;
}

export interface ResourceScopes {
  /** The identifier as written (App ID URI or appId); Graph's URI for bare names. */
  resource: string;
  /** Grouping key: the identifier in lower case; Graph's spellings share `graph`. */
  key: string;
  isGraph: boolean;
  /** How the resource's first scope was written: a bare Graph name, or qualified. */
  form: 'bare' | 'qualified';
  /** The scopes of this resource in request order, without duplicates. */
  scopes: RequestedScope[];
  /** `{resource}/.default` (protocol.md §10.4). */
  isDefault: boolean;
  /**
   * No resource scope was sent (only OIDC ones): the token is for Graph (protocol.md §10.2),
   * with what the user granted Graph, like `.default`.
   */
  implicit: boolean;
}

export interface DelegatedScopeRequest {
  /** The OIDC scopes in request order, lower case (protocol.md §10.2). */
  oidc: Set<OidcScope>;
  /** Resources in the order their first scope appears. */
  resources: ResourceScopes[];
  /** Problems found, first one first; the caller throws `errors[0]`. */
  errors: OAuthError[];
}

const DEFAULT_VALUE = '.default';
const GRAPH_KEY = 'graph';
// protocol.md §10.1 and tokens.md §5: Graph by URI (with or without the trailing slash) or appId.
const GRAPH_IDENTIFIERS = new Set([GRAPH_RESOURCE_URI, `${GRAPH_RESOURCE_URI}/`, GRAPH_APP_ID]);

/** Parses a delegated `scope` parameter (protocol.md §10.1–10.4). */
export function parseDelegatedScope(scope: string): DelegatedScopeRequest {
  const request: DelegatedScopeRequest = { oidc: new Set(), resources: [], errors: [] };
  // protocol.md §10.1: comma-separated lists are refused (AADSTS70011).
  if (scope.includes(',')) {
    request.errors.push(new OAuthError(70011, [scope.trim()]));
    return request;
  }
  const groups = new Map<string, ResourceScopes>();
  for (const written of splitScopes(scope)) {
    const lower = written.toLowerCase();
    if (OIDC_SCOPES.has(lower)) {
      request.oidc.add(lower as OidcScope);
      continue;
    }
    const parsed = splitResource(written);
    if (parsed === null) {
      request.errors.push(new OAuthError(70011, [written]));
      continue;
    }
    const key = GRAPH_IDENTIFIERS.has(parsed.resource.toLowerCase()) ? GRAPH_KEY : parsed.resource.toLowerCase();
    let group = groups.get(key);
    if (group === undefined) {
      const isGraph = key === GRAPH_KEY;
      group = { resource: parsed.bare ? GRAPH_RESOURCE_URI : parsed.resource, key, isGraph, form: parsed.bare ? 'bare' : 'qualified', scopes: [], isDefault: false, implicit: false };
      groups.set(key, group);
      request.resources.push(group);
    }
    // A bare name first and the URI later: keep the identifier the client did spell out.
    if (group.form === 'bare' && !parsed.bare && group.resource === GRAPH_RESOURCE_URI) group.resource = parsed.resource;
    // protocol.md §10.1: values match case-insensitively, so `mail.read Mail.Read` is one scope.
    if (group.scopes.some((s) => s.value.toLowerCase() === parsed.value.toLowerCase())) continue;
    group.scopes.push({ written, value: parsed.value });
    if (parsed.value.toLowerCase() === DEFAULT_VALUE) group.isDefault = true;
  }
  for (const group of request.resources) {
    // protocol.md §10.4: `.default` cannot be mixed with named scopes of the same resource
    // (AADSTS70011, §12.4 "mixed `.default`"); OIDC scopes may accompany it.
    if (group.isDefault && group.scopes.length > 1) request.errors.push(new OAuthError(70011, [group.scopes.map((s) => s.written).join(' ')]));
  }
  return request;
}

/**
 * `{identifier}/{value}` split at the last `/`, so an identifier ending with `/` keeps it
 * (`https://management.azure.com//.default`, protocol.md §10.1); no `/` → a Graph name
 * (`User.Read` ≡ `https://graph.microsoft.com/User.Read`; a bare `.default` is Graph's, §10.4).
 * Null when either side is empty or the identifier is only a URI scheme (`https://graph…`).
 */
function splitResource(written: string): { resource: string; value: string; bare: boolean } | null {
  const slash = written.lastIndexOf('/');
  if (slash < 0) return { resource: GRAPH_RESOURCE_URI, value: written, bare: true };
  const resource = written.slice(0, slash);
  const value = written.slice(slash + 1);
  if (resource === '' || value === '' || /^[^/]*:\/?$/.test(resource)) return null;
  return { resource, value, bare: false };
}

export interface TokenResourceOptions {
  /**
   * Several resources: `reject` (code redemption, ROPC, device code: AADSTS700022, protocol.md
   * §5.1, §10.3) or `first` (refresh: the resource of the first scope, §5.2).
   */
  multiple: 'reject' | 'first';
  /**
   * No resource scope: the first resource of the consent request the code or session came from
   * (protocol.md §10.3 [I]); without one, Graph (OIDC-only requests, §10.2).
   */
  fallback?: ResourceScopes | null;
  /** Code redemption: an empty `scope` is AADSTS28003 (protocol.md §5.1). */
  requireScope?: boolean;
}

/** The one resource the token endpoint issues an access token for (protocol.md §10.3). */
export function tokenResource(request: DelegatedScopeRequest, options: TokenResourceOptions): ResourceScopes {
  const first = request.errors[0];
  if (first !== undefined) throw first;
  const [resource, ...others] = request.resources;
  if (resource === undefined) {
    if (options.requireScope === true && request.oidc.size === 0) throw new OAuthError(28003);
    return options.fallback ?? implicitGraph();
  }
  if (others.length > 0 && options.multiple === 'reject') {
    const written = [...request.resources.flatMap((r) => r.scopes.map((s) => s.written)), ...request.oidc];
    throw new OAuthError(700022, [written.join(' ')]);
  }
  return resource;
}

function implicitGraph(): ResourceScopes {
  return { resource: GRAPH_RESOURCE_URI, key: GRAPH_KEY, isGraph: true, form: 'bare', scopes: [], isDefault: false, implicit: true };
}

/**
 * The access token's `scp` values (tokens.md §4.1): what was granted on the resource, in its
 * own spelling; Graph tokens also list the OIDC scopes asked for except `offline_access`
 * (tokens.md §5: `"openid profile User.Read email"` [O]).
 */
export function accessTokenScopeValues(resource: ResourceScopes, granted: readonly string[], oidc: ReadonlySet<string>): string[] {
  if (!resource.isGraph) return [...granted];
  return [...granted, ...[...oidc].filter((s) => s !== 'offline_access')];
}

/**
 * The response's `scope` (protocol.md §10.6, spec/clients.md item 13): the scopes the token is
 * valid for, in the form requested, then the OIDC scopes as requested.
 * - named scopes: those requested, exactly as written, then any other granted value in the
 *   form of the request (bare Graph names, or `{identifier}/{value}`);
 * - `.default`: each granted value qualified, then the `.default` scope as written (the
 *   `https://management.azure.com/user_impersonation https://management.azure.com//.default`
 *   shape), so a client caching by requested scopes finds its token [O][I].
 */
export function tokenScopeEcho(requestedForm: ResourceScopes, grantedValues: readonly string[], oidc: ReadonlySet<string>): string {
  const out: string[] = [];
  const granted = new Map(grantedValues.map((v) => [v.toLowerCase(), v]));
  if (!requestedForm.isDefault) {
    for (const s of requestedForm.scopes) {
      if (granted.delete(s.value.toLowerCase())) out.push(s.written);
    }
  }
  for (const value of granted.values()) out.push(qualify(requestedForm, value));
  if (requestedForm.isDefault) out.push(...requestedForm.scopes.map((s) => s.written));
  out.push(...oidc);
  return out.join(' ');
}

function qualify(resource: ResourceScopes, value: string): string {
  if (resource.form === 'bare') return value;
  // ENTRA-COMPAT [I]: an identifier ending with `/` is not doubled for named values.
  return resource.resource.endsWith('/') ? `${resource.resource}${value}` : `${resource.resource}/${value}`;
}
