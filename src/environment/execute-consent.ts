/**
 * Writing one consent entry (protocol.md §14.2): admin consent of everything the app requires
 * (`grantAdminConsent`, protocol.md §6.1), or explicit records — appRoleAssignments for
 * application permissions and an oAuth2PermissionGrant per resource for delegated ones
 * (`AllPrincipals` for admin consent, `Principal` for a user's own). All idempotent.
 */
import type { Directory } from '../directory/directory.js';
import { at } from './errors.js';
import type { ConsentPlan } from './plan-types.js';

/** Applies the entry; returns true when it added any grant or assignment. */
export async function executeConsent(dir: Directory, c: ConsentPlan): Promise<boolean> {
  const before = await fingerprint(dir, c);
  if (c.grants === 'required') {
    await at(c.path, () => dir.grantAdminConsent(c.tenantId, c.clientAppId));
  } else {
    const client = await at([...c.path, 'application'], () => dir.ensureServicePrincipal(c.tenantId, c.clientAppId));
    for (const grant of c.grants) {
      const path = [...c.path, 'permissions', grant.key ?? grant.resource.displayName];
      const resource = await at(path, () => dir.ensureServicePrincipal(c.tenantId, grant.resource.appId));
      for (const role of grant.roles) {
        await at(path, () => dir.assignAppRole(c.tenantId, { principalId: client.id, principalType: 'ServicePrincipal', resourceId: resource.id, appRoleId: role.id }));
      }
      if (grant.scopes.length > 0) {
        const scope = grant.scopes.map((s) => s.value).join(' ');
        await at(path, () =>
          dir.grantDelegatedPermissions(c.tenantId, {
            clientId: client.id,
            consentType: c.userId === null ? 'AllPrincipals' : 'Principal',
            principalId: c.userId,
            resourceId: resource.id,
            scope,
          }),
        );
      }
    }
  }
  return (await fingerprint(dir, c)) !== before;
}

/** A summary of the client's consent records in the tenant, to tell whether anything changed. */
async function fingerprint(dir: Directory, c: ConsentPlan): Promise<string> {
  const sp = await dir.getServicePrincipalByAppId(c.tenantId, c.clientAppId);
  if (sp === undefined) return '';
  const grants = await dir.listOAuth2PermissionGrants(c.tenantId, sp.id);
  const roles = await dir.listAppRoleAssignments(c.tenantId, sp.id);
  const scopes = grants.map((g) => `${g.resourceId}:${g.consentType}:${g.principalId ?? ''}:${g.scope.split(' ').sort().join(' ')}`).sort();
  return JSON.stringify([scopes, roles.map((r) => `${r.resourceId}:${r.appRoleId}`).sort()]);
}
