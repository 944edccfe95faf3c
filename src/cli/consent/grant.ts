/**
 * `tessera consent grant`: delegated permissions as an oAuth2PermissionGrant (`Principal` for
 * `--user`, else `AllPrincipals`: admin consent for the tenant) and application permissions as
 * appRoleAssignments of the client's service principal (protocol.md §14.2, graph.md §2.7–2.8).
 * Without permission options, what the app requires (requiredResourceAccess), as a consent entry
 * without `permissions` does in an environment file. Idempotent: grants merge, assignments are
 * not duplicated; everything is written in one transaction.
 */
import type { Directory } from '../../directory/directory.js';
import type { ResolvedPermissions } from '../../environment/resources.js';
import { UsageError } from '../errors.js';
import { emptyChange, principalOf, type ConsentChange } from './change.js';
import type { ConsentTarget } from './targets.js';

/** Permissions of one resource, by id. */
interface Wanted {
  resourceAppId: string;
  scopeIds: string[];
  roleIds: string[];
}

function wantedOf(delegated: readonly ResolvedPermissions[], application: readonly ResolvedPermissions[]): Wanted[] {
  return [
    ...delegated.map((p) => ({ resourceAppId: p.resource.appId, scopeIds: p.scopes.map((s) => s.id), roleIds: [] })),
    ...application.map((p) => ({ resourceAppId: p.resource.appId, scopeIds: [], roleIds: p.roles.map((r) => r.id) })),
  ];
}

/** The app's requiredResourceAccess (only its delegated part for a user), protocol.md §6.1. */
async function requiredOf(directory: Directory, target: ConsentTarget): Promise<Wanted[]> {
  const app = await directory.getApplicationByAppId(target.app.appId);
  return (app?.requiredResourceAccess ?? [])
    .map((entry) => {
      const ids = (type: 'Scope' | 'Role') => entry.resourceAccess.filter((a) => a.type === type).map((a) => a.id.toLowerCase());
      return { resourceAppId: entry.resourceAppId, scopeIds: ids('Scope'), roleIds: target.user === null ? ids('Role') : [] };
    })
    .filter((w) => w.scopeIds.length > 0 || w.roleIds.length > 0);
}

/** Grants what `target` names; returns what was asked for, as granted. */
export async function grantConsent(directory: Directory, target: ConsentTarget): Promise<ConsentChange> {
  const { tenant, app, user } = target;
  const named = target.delegated.length > 0 || target.application.length > 0;
  const wanted = named ? wantedOf(target.delegated, target.application) : await requiredOf(directory, target);
  if (user !== null && wanted.length === 0) {
    throw new UsageError(`'${app.displayName}' requires no delegated permissions; name the ones the user consents to with --permission`);
  }
  return directory.transaction(async (d) => {
    // Built inside: the transaction may run again after a lost race with another writer.
    const change = emptyChange(tenant, app);
    // Consent provisions the client in a tenant it is not yet in (protocol.md §14.3, §15.1).
    const client = await d.ensureServicePrincipal(tenant.id, app.appId);
    for (const w of wanted) {
      const resource = await d.ensureServicePrincipal(tenant.id, w.resourceAppId);
      if (w.roleIds.length > 0) {
        for (const appRoleId of w.roleIds) await d.assignAppRole(tenant.id, { principalId: client.id, principalType: 'ServicePrincipal', resourceId: resource.id, appRoleId });
        const values = resource.appRoles.filter((r) => w.roleIds.includes(r.id)).map((r) => r.value);
        change.application.push({ resourceAppId: resource.appId, resource: resource.displayName, roles: values });
      }
      // Grants store scope values (graph.md §2.7), in the resource's spelling.
      const scopes = resource.oauth2PermissionScopes.filter((s) => w.scopeIds.includes(s.id)).map((s) => s.value);
      if (scopes.length > 0) {
        const principal = principalOf(user);
        await d.grantDelegatedPermissions(tenant.id, { clientId: client.id, consentType: principal.consentType, principalId: principal.principalId, resourceId: resource.id, scope: scopes.join(' ') });
        change.delegated.push({ resourceAppId: resource.appId, resource: resource.displayName, ...principal, scopes });
      }
    }
    return change;
  });
}
