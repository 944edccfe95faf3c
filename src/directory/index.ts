/**
 * `createDirectory(storage)`: the `Directory` of directory.ts over storage/queries, split by
 * aggregate. The token hot-path reads are served from a short TTL cache that every write
 * through this directory invalidates (design.md Performance).
 */
import { masterKeyFrom, type MasterKey } from '../lib/master-key.js';
import type { Storage } from '../storage/index.js';
import { applicationOperations } from './applications.js';
import { assignmentOperations } from './assignments.js';
import { credentialOperations } from './application-credentials.js';
import { DirectoryCache, cacheKey } from './cache.js';
import { consentOperations } from './consent.js';
import { consentPolicyOperations } from './consent-policy.js';
import { bindContext, createContext, toDirectoryError, type DirectoryContext } from './context.js';
import type { Directory } from './directory.js';
import { groupOperations } from './groups.js';
import { revocationOperations } from './revocation.js';
import { servicePrincipalOperations } from './service-principals.js';
import { tenantOperations } from './tenants.js';
import { userOperations } from './users.js';

export type * from './directory.js';
export type * from './types.js';
export type { UserAppAccess, UserGroup } from './assignments.js';
export * from './errors.js';
export { verifySecret } from './credentials.js';
export { CONSUMERS_TENANT_ID, GRAPH_APP_ID, GRAPH_RESOURCE_URI, findGraphAppRoleByValue, findGraphScopeByValue, graphResource } from './graph-catalog.js';

/** Options of `createDirectory`. */
export interface DirectoryOptions {
  /** Lifetime of hot-path cache entries in ms (default 5000; 0 disables the cache). */
  cacheTtlMs?: number;
  /** Clock for timestamps (tests freeze it). */
  now?: () => Date;
  /** TESSERA_MASTER_KEY, sealing TOTP secrets; `undefined` reads the environment, `null` disables sealing. */
  masterKey?: string | MasterKey | null;
}

const DEFAULT_CACHE_TTL_MS = 5_000;

/** Every operation, uncached, over one context; `masterKey` seals TOTP secrets. */
function operations(ctx: DirectoryContext, masterKey: MasterKey | null) {
  return {
    ...tenantOperations(ctx),
    ...userOperations(ctx, masterKey),
    ...groupOperations(ctx),
    ...revocationOperations(ctx),
    ...applicationOperations(ctx),
    ...credentialOperations(ctx),
    ...servicePrincipalOperations(ctx),
    ...consentOperations(ctx),
    ...assignmentOperations(ctx),
    ...consentPolicyOperations(ctx),
  };
}

/** The hot-path reads of `ops`, served through the cache. */
function cached(ops: ReturnType<typeof operations>, cache: DirectoryCache) {
  return {
    getTenant: (id: string) => cache.get(cacheKey('tenant', id.toLowerCase()), () => ops.getTenant(id)),
    findTenantByDomain: (domain: string) =>
      cache.get(cacheKey('tenantByDomain', domain.toLowerCase()), () => ops.findTenantByDomain(domain)),
    getClientCredentials: (appId: string) =>
      cache.get(cacheKey('clientCredentials', appId.toLowerCase()), () => ops.getClientCredentials(appId)),
    getServicePrincipalByAppId: (tenantId: string, appId: string) =>
      cache.get(cacheKey('spByAppId', tenantId, appId.toLowerCase()), () => ops.getServicePrincipalByAppId(tenantId, appId)),
    findResourceServicePrincipal: (tenantId: string, identifier: string) =>
      cache.get(cacheKey('resource', tenantId, identifier), () => ops.findResourceServicePrincipal(tenantId, identifier)),
    // Graph's `GET /users/{id | upn}` hot path (bench: Graph reads vs a bare endpoint).
    getUser: (tenantId: string, idOrUpn: string) =>
      cache.get(cacheKey('user', tenantId, idOrUpn.toLowerCase()), () => ops.getUser(tenantId, idOrUpn)),
    getUserConsentPolicy: (tenantId: string) => cache.get(cacheKey('userConsent', tenantId.toLowerCase()), () => ops.getUserConsentPolicy(tenantId)),
    assignedAppRoleValues: (tenantId: string, principalId: string, resourceSpId: string) =>
      cache.get(cacheKey('roleValues', tenantId, principalId.toLowerCase(), resourceSpId.toLowerCase()), () =>
        ops.assignedAppRoleValues(tenantId, principalId, resourceSpId),
      ),
    userAppAccess: (tenantId: string, userId: string, resourceSpId: string) =>
      cache.get(cacheKey('userAppAccess', tenantId, userId.toLowerCase(), resourceSpId.toLowerCase()), () => ops.userAppAccess(tenantId, userId, resourceSpId)),
    userGroups: (tenantId: string, userId: string) =>
      cache.get(cacheKey('userGroups', tenantId, userId.toLowerCase()), () => ops.userGroups(tenantId, userId)),
  };
}

/** A Directory bound to an open transaction: no shared cache, nested transactions reuse it. */
function boundDirectory(ctx: DirectoryContext, masterKey: MasterKey | null): Directory {
  const directory: Directory = {
    ...operations(ctx, masterKey),
    transaction: (fn) => fn(directory),
    invalidate: () => ctx.cache.invalidate(),
  };
  return directory;
}

/**
 * The directory over `storage`. Values returned by the cached methods (`getTenant`,
 * `findTenantByDomain`, `getClientCredentials`, `getServicePrincipalByAppId`,
 * `findResourceServicePrincipal`, `getUser`, `assignedAppRoleValues`, `userAppAccess`, `userGroups`) are shared and deep-frozen.
 *
 * Inside `transaction(fn)`, use only the directory passed to `fn` and call it sequentially:
 * on SQLite the root directory waits for the transaction's connection, so calling it from
 * `fn` would never return. `fn` runs again from the start when the transaction lost a race with
 * another writer, so it must have no effects outside the directory it is given.
 */
export function createDirectory(storage: Storage, options: DirectoryOptions = {}): Directory {
  const now = options.now ?? (() => new Date());
  const cache = new DirectoryCache(options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  const ctx = createContext(storage, cache, now);
  const masterKey = masterKeyFrom(options.masterKey);
  const ops = operations(ctx, masterKey);

  async function transaction<T>(fn: (directory: Directory) => Promise<T>): Promise<T> {
    cache.invalidate();
    let thrownByFn: unknown = undefined;
    try {
      // May run `fn` again after a lost race with another writer (storage.transaction).
      return await storage.transaction(async (trx) => {
        try {
          return await fn(boundDirectory(bindContext(ctx, trx), masterKey));
        } catch (error) {
          thrownByFn = error;
          throw error;
        }
      });
    } catch (error) {
      // The caller's own errors (already typed by the directory, or theirs) pass through;
      // a failed BEGIN/COMMIT is mapped like any storage error.
      if (error === thrownByFn) throw error;
      throw toDirectoryError(storage, error);
    } finally {
      cache.invalidate();
    }
  }

  return { ...ops, ...cached(ops, cache), transaction, invalidate: () => cache.invalidate() };
}
