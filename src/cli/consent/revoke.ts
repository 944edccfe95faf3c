/**
 * `tessera consent revoke`: the named delegated permissions leave the grant (`--user`'s own, else
 * the tenant-wide one) and the named application permissions' assignments go; `--all` takes back
 * everything the app holds in the tenant (with `--user`: that user's grants). One transaction.
 *
 * The next token reflects it (protocol.md §14.2): at once on a server sharing this process's
 * directory, within the directory cache's 5 s on running servers; tokens already issued stay
 * valid until they expire, as in Entra (docs/cli.md).
 */
import type { Directory } from '../../directory/directory.js';
import type { OAuth2PermissionGrant, ServicePrincipal } from '../../directory/types.js';
import { emptyChange, principalOf, type ConsentChange } from './change.js';
import type { ConsentTarget } from './targets.js';

/** Revokes what `target` names (or everything, `all`); returns what was removed. */
export async function revokeConsent(directory: Directory, target: ConsentTarget, all: boolean): Promise<ConsentChange> {
  const { tenant, app, user } = target;
  return directory.transaction(async (d) => {
    const change = emptyChange(tenant, app);
    const client = await d.getServicePrincipalByAppId(tenant.id, app.appId);
    if (client === undefined) return change;
    const resourceOf = async (id: string) => (await d.getServicePrincipal(tenant.id, id)) as ServicePrincipal;

    const revokeGrant = async (resource: ServicePrincipal, principalId: string | null, scopes?: string[]) => {
      const { removed } = await d.revokeDelegatedPermissions(tenant.id, { clientId: client.id, resourceId: resource.id, principalId, ...(scopes ? { scopes } : {}) });
      if (removed.length === 0) return;
      const principal = principalId === null ? principalOf(null) : { consentType: 'Principal' as const, principalId, userPrincipalName: (await d.getUser(tenant.id, principalId))?.userPrincipalName ?? null };
      change.delegated.push({ resourceAppId: resource.appId, resource: resource.displayName, ...principal, scopes: removed });
    };
    const removeRoles = async (resource: ServicePrincipal, roleIds: string[]) => {
      const removed: string[] = [];
      for (const appRoleId of roleIds) {
        if (await d.removeAppRoleAssignment(tenant.id, { principalId: client.id, resourceId: resource.id, appRoleId })) {
          removed.push(resource.appRoles.find((r) => r.id === appRoleId)?.value ?? appRoleId);
        }
      }
      if (removed.length > 0) change.application.push({ resourceAppId: resource.appId, resource: resource.displayName, roles: removed });
    };

    if (all) {
      const mine = (g: OAuth2PermissionGrant) => user === null || (g.consentType === 'Principal' && g.principalId === user.id);
      for (const grant of (await d.listOAuth2PermissionGrants(tenant.id, client.id)).filter(mine)) await revokeGrant(await resourceOf(grant.resourceId), grant.principalId);
      if (user === null) {
        const byResource = new Map<string, string[]>();
        for (const a of await d.listAppRoleAssignments(tenant.id, client.id)) byResource.set(a.resourceId, [...(byResource.get(a.resourceId) ?? []), a.appRoleId]);
        for (const [resourceId, roleIds] of byResource) await removeRoles(await resourceOf(resourceId), roleIds);
      }
      return change;
    }
    for (const p of target.delegated) {
      const resource = await d.getServicePrincipalByAppId(tenant.id, p.resource.appId);
      if (resource !== undefined) await revokeGrant(resource, user?.id ?? null, p.scopes.map((s) => s.value));
    }
    for (const p of target.application) {
      const resource = await d.getServicePrincipalByAppId(tenant.id, p.resource.appId);
      if (resource !== undefined) await removeRoles(resource, p.roles.map((r) => r.id));
    }
    return change;
  });
}
