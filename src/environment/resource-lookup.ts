/**
 * Finds the resource a `requiredPermissions` / consent key names: first Microsoft Graph and the
 * file's own applications, then applications already in the directory (by appId, or by
 * identifier URI through any tenant's service principals). Results are cached per run.
 */
import type { Directory } from '../directory/directory.js';
import type { ServicePrincipal } from '../directory/types.js';
import { isGuid } from '../lib/ids.js';
import { findResourceIn, type ResourceDefinition } from './resources.js';

/** Resolves resource keys for one planning run. */
export interface ResourceLookup {
  find(key: string): Promise<ResourceDefinition | 'ambiguous' | undefined>;
  /** A resource by appId (file first, then the directory). */
  byAppId(appId: string): Promise<ResourceDefinition | undefined>;
}

/** A resource as its service principal in some tenant shows it. */
export function fromServicePrincipal(sp: ServicePrincipal): ResourceDefinition {
  return {
    appId: sp.appId,
    displayName: sp.appDisplayName,
    identifierUris: sp.servicePrincipalNames.filter((n) => n !== sp.appId),
    appRoles: sp.appRoles,
    scopes: sp.oauth2PermissionScopes,
    tenantId: sp.appOwnerOrganizationId,
  };
}

/** A lookup over the file's application definitions and the directory. */
export function createResourceLookup(dir: Directory, fileApps: readonly ResourceDefinition[]): ResourceLookup {
  const cache = new Map<string, Promise<ResourceDefinition | 'ambiguous' | undefined>>();

  async function fromDirectory(key: string): Promise<ResourceDefinition | undefined> {
    if (isGuid(key)) {
      const app = await dir.getApplicationByAppId(key.toLowerCase());
      if (app === undefined) return undefined;
      return { appId: app.appId, displayName: app.displayName, identifierUris: app.identifierUris, appRoles: app.appRoles, scopes: app.api.oauth2PermissionScopes, tenantId: app.tenantId };
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(key)) return undefined;
    for (const tenant of await dir.listTenants()) {
      const sp = await dir.findResourceServicePrincipal(tenant.id, key);
      if (sp !== undefined) return fromServicePrincipal(sp);
    }
    return undefined;
  }

  const find = (key: string) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      const local = findResourceIn(key, fileApps);
      hit = local !== undefined ? Promise.resolve(local) : fromDirectory(key);
      cache.set(key, hit);
    }
    return hit;
  };

  return {
    find,
    async byAppId(appId) {
      const found = await find(appId.toLowerCase());
      return found === 'ambiguous' ? undefined : found;
    },
  };
}
