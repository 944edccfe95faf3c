/**
 * Resolving permission names: which resource a key names (`Microsoft Graph`, an appId, an
 * identifier URI, or the displayName of an app in the same file) and which app role or scope a
 * permission name means (protocol.md §14.1). Pure over the definitions it is given.
 */
import { graphResource, isGraphIdentifier } from '../directory/graph-catalog.js';
import type { AppRole, PermissionScope, ResourceAccess } from '../directory/types.js';
import type { PermissionSet } from './schema.js';

/** What a resource exposes, enough to turn names into ids. */
export interface ResourceDefinition {
  appId: string;
  displayName: string;
  identifierUris: readonly string[];
  appRoles: readonly AppRole[];
  scopes: readonly PermissionScope[];
  /** Home tenant; null for first-party resources. */
  tenantId: string | null;
}

/** Microsoft Graph as a {@link ResourceDefinition}. */
export const graphDefinition: ResourceDefinition = {
  appId: graphResource.appId,
  displayName: graphResource.displayName,
  identifierUris: graphResource.identifierUris,
  appRoles: graphResource.appRoles,
  scopes: graphResource.oauth2PermissionScopes,
  tenantId: null,
};

/** Permissions of one resource, resolved to ids. */
export interface ResolvedPermissions {
  resource: ResourceDefinition;
  /** The key the file named the resource by, for error paths. */
  key?: string;
  roles: AppRole[];
  scopes: PermissionScope[];
}

const trimSlash = (s: string) => (s.endsWith('/') ? s.slice(0, -1) : s);

/**
 * The resource a key names among `candidates` (the file's apps), or a lookup result the caller
 * makes in the database. Returns `'ambiguous'` when two apps in the file share the displayName.
 */
export function findResourceIn(key: string, candidates: readonly ResourceDefinition[]): ResourceDefinition | 'ambiguous' | undefined {
  if (key.trim().toLowerCase() === 'microsoft graph' || isGraphIdentifier(key)) return graphDefinition;
  const lower = key.toLowerCase();
  const byAppId = candidates.find((c) => c.appId.toLowerCase() === lower);
  if (byAppId) return byAppId;
  const byUri = candidates.find((c) => c.identifierUris.some((u) => trimSlash(u) === trimSlash(key)));
  if (byUri) return byUri;
  const byName = candidates.filter((c) => c.displayName === key);
  if (byName.length > 1) return 'ambiguous';
  return byName[0];
}

/**
 * Names → ids. The list form picks, for each name, the application permission (an app role
 * that applications may hold) when there is one, else the delegated scope; the object form says
 * which. `delegatedOnly` (a user's own consent) reads the list form as delegated scopes.
 */
export function resolvePermissionSet(
  resource: ResourceDefinition,
  set: PermissionSet,
  options: { delegatedOnly?: boolean } = {},
): { resolved: ResolvedPermissions; problems: Array<{ path: Array<string | number>; message: string }> } {
  const resolved: ResolvedPermissions = { resource, roles: [], scopes: [] };
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const role = (v: string) => resource.appRoles.find((r) => r.value.toLowerCase() === v.toLowerCase() && r.allowedMemberTypes.includes('Application'));
  const scope = (v: string) => resource.scopes.find((s) => s.value.toLowerCase() === v.toLowerCase());
  const addRole = (r: AppRole) => resolved.roles.some((x) => x.id === r.id) || resolved.roles.push(r);
  const addScope = (s: PermissionScope) => resolved.scopes.some((x) => x.id === s.id) || resolved.scopes.push(s);

  if (Array.isArray(set)) {
    set.forEach((value, index) => {
      const r = options.delegatedOnly ? undefined : role(value);
      const s = scope(value);
      if (r) addRole(r);
      else if (s) addScope(s);
      else problems.push({ path: [index], message: `${resource.displayName} has no ${options.delegatedOnly ? 'delegated ' : ''}permission '${value}'` });
    });
    return { resolved, problems };
  }
  (set.application ?? []).forEach((value, index) => {
    const r = role(value);
    if (r) addRole(r);
    else problems.push({ path: ['application', index], message: `${resource.displayName} has no application permission '${value}'` });
  });
  (set.delegated ?? []).forEach((value, index) => {
    const s = scope(value);
    if (s) addScope(s);
    else problems.push({ path: ['delegated', index], message: `${resource.displayName} has no delegated permission '${value}'` });
  });
  return { resolved, problems };
}

/** `requiredResourceAccess` entries for resolved permissions, one per resource (protocol.md §15.2). */
export function toRequiredResourceAccess(list: readonly ResolvedPermissions[]): Array<{ resourceAppId: string; resourceAccess: ResourceAccess[] }> {
  const byResource = new Map<string, ResourceAccess[]>();
  for (const { resource, roles, scopes } of list) {
    const access = byResource.get(resource.appId) ?? [];
    for (const r of roles) if (!access.some((a) => a.id === r.id && a.type === 'Role')) access.push({ id: r.id, type: 'Role' });
    for (const s of scopes) if (!access.some((a) => a.id === s.id && a.type === 'Scope')) access.push({ id: s.id, type: 'Scope' });
    byResource.set(resource.appId, access);
  }
  return [...byResource].map(([resourceAppId, resourceAccess]) => ({ resourceAppId, resourceAccess }));
}
