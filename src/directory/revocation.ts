/**
 * Revoking consent (protocol.md §14.2; graph.md §2.7 `DELETE`/`PATCH /oauth2PermissionGrants/{id}`,
 * §2.8 deleting an appRoleAssignment): a delegated grant loses some scopes or goes entirely, an
 * application permission (or a user's assignment) is removed.
 *
 * Tokens are evaluated against these records when they are issued (protocol.md §14.2 token-time
 * evaluation), so a revocation reaches the next token: at once in the process that wrote it (its
 * write drops the hot-path cache), within the cache TTL (5 s) on other workers and nodes. Tokens
 * already issued stay valid until they expire, as in Entra; Graph may keep accepting one it
 * validated for up to its validation cache's 60 s anyway, within the token's lifetime.
 */
import { isGuid } from '../lib/ids.js';
import type { DirectoryContext } from './context.js';
import { requireServicePrincipal } from './consent.js';
import type { OAuth2PermissionGrant } from './types.js';

/** What to revoke of one delegated grant. */
export interface RevokeDelegatedInput {
  /** Object id of the client service principal. */
  clientId: string;
  /** Object id of the resource service principal. */
  resourceId: string;
  /** The user of a `Principal` grant; null: the tenant-wide `AllPrincipals` grant. */
  principalId: string | null;
  /** Scope values to remove (case-insensitive); absent: the whole grant. */
  scopes?: readonly string[];
}

/** The outcome of a revocation. */
export interface RevokeDelegatedResult {
  /** Scope values removed, in the grant's spelling (empty: nothing was granted). */
  removed: string[];
  /** The grant as it remains; null when it was deleted or never existed. */
  grant: OAuth2PermissionGrant | null;
}

/** One app role assignment, by its natural key. */
export interface AppRoleAssignmentKey {
  principalId: string;
  /** Object id of the resource service principal. */
  resourceId: string;
  appRoleId: string;
}

const values = (scope: string) => scope.split(/\s+/).filter((s) => s !== '');

/** Directory methods that take consent back. */
export function revocationOperations(ctx: DirectoryContext) {
  async function revokeDelegatedPermissions(tenantId: string, input: RevokeDelegatedInput): Promise<RevokeDelegatedResult> {
    return ctx.write(async (q) => {
      const client = await requireServicePrincipal(q, tenantId, input.clientId, 'Client');
      const resource = await requireServicePrincipal(q, tenantId, input.resourceId, 'Resource');
      const principalId = input.principalId?.toLowerCase() ?? null;
      const key = { tenantId, clientId: client.id, resourceId: resource.id, consentType: principalId === null ? 'AllPrincipals' as const : 'Principal' as const, principalId };
      const grant = await q.consent.findGrant(key);
      if (grant === undefined) return { removed: [], grant: null };
      const current = values(grant.scope);
      // protocol.md §10.1: scope values compare case-insensitively.
      const drop = input.scopes === undefined ? null : new Set(input.scopes.map((s) => s.toLowerCase()));
      const removed = drop === null ? current : current.filter((s) => drop.has(s.toLowerCase()));
      const kept = current.filter((s) => !removed.includes(s));
      // A grant left with no scope means nothing: it goes, so listings show only real consent.
      if (kept.length === 0) {
        await q.consent.deleteGrant(tenantId, grant.id);
        return { removed, grant: null };
      }
      if (removed.length > 0) await q.consent.updateGrantScope(grant.id, kept.join(' '));
      return { removed, grant: { ...grant, scope: kept.join(' ') } };
    });
  }

  async function removeAppRoleAssignment(tenantId: string, input: AppRoleAssignmentKey): Promise<boolean> {
    if (!isGuid(input.principalId) || !isGuid(input.appRoleId)) return false;
    return ctx.write(async (q) => {
      const resource = await requireServicePrincipal(q, tenantId, input.resourceId, 'Resource');
      return q.consent.deleteAssignment(tenantId, input.principalId.toLowerCase(), resource.id, input.appRoleId.toLowerCase());
    });
  }

  return { revokeDelegatedPermissions, removeAppRoleAssignment };
}
