/**
 * `tessera consent list`: the tenant's consent records (protocol.md §14.2) — delegated grants and
 * the application permissions held by client service principals — of every app or one (`--app`).
 * JSON keeps Graph's property names (graph.md §2.7, §2.8) and adds the names a reader needs.
 */
import type { Directory } from '../../directory/directory.js';
import type { AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal, Tenant } from '../../directory/types.js';
import { printJson, printTable } from '../output.js';

/** One delegated grant as listed. */
export type ListedGrant = OAuth2PermissionGrant & { clientAppId: string; clientDisplayName: string; resourceAppId: string; resourceDisplayName: string; principalUserPrincipalName: string | null };
/** One application permission as listed. */
export type ListedAssignment = AppRoleAssignment & { clientAppId: string; resourceAppId: string; appRoleValue: string | null };

/** The records of `clientAppId` (or of every client) in `tenant`. */
export async function listConsent(directory: Directory, tenant: Tenant, clientAppId: string | null): Promise<{ tenantId: string; oauth2PermissionGrants: ListedGrant[]; appRoleAssignments: ListedAssignment[] }> {
  const servicePrincipals = await directory.listServicePrincipals(tenant.id);
  const byId = new Map(servicePrincipals.map((sp) => [sp.id, sp]));
  const clients = clientAppId === null ? servicePrincipals : servicePrincipals.filter((sp) => sp.appId === clientAppId);
  const clientIds = new Set(clients.map((sp) => sp.id));
  const grants = clientAppId === null ? await directory.listOAuth2PermissionGrants(tenant.id) : clients.length > 0 ? await directory.listOAuth2PermissionGrants(tenant.id, clients[0]?.id) : [];
  const upns = new Map<string, string | null>();
  for (const id of new Set(grants.flatMap((g) => (g.principalId === null ? [] : [g.principalId])))) upns.set(id, (await directory.getUser(tenant.id, id))?.userPrincipalName ?? null);
  const sp = (id: string): ServicePrincipal | undefined => byId.get(id);
  const oauth2PermissionGrants = grants.map((g) => ({
    ...g,
    clientAppId: sp(g.clientId)?.appId ?? '',
    clientDisplayName: sp(g.clientId)?.displayName ?? '',
    resourceAppId: sp(g.resourceId)?.appId ?? '',
    resourceDisplayName: sp(g.resourceId)?.displayName ?? '',
    principalUserPrincipalName: g.principalId === null ? null : (upns.get(g.principalId) ?? null),
  }));
  const appRoleAssignments: ListedAssignment[] = [];
  for (const client of clients) {
    for (const a of await directory.listAppRoleAssignments(tenant.id, client.id)) {
      if (a.principalType !== 'ServicePrincipal' || !clientIds.has(a.principalId)) continue;
      const resource = sp(a.resourceId);
      appRoleAssignments.push({ ...a, clientAppId: client.appId, resourceAppId: resource?.appId ?? '', appRoleValue: resource?.appRoles.find((r) => r.id === a.appRoleId)?.value ?? null });
    }
  }
  return { tenantId: tenant.id, oauth2PermissionGrants, appRoleAssignments };
}

/** Prints the listing: one row per grant, one per (client, resource) of application permissions. */
export function printConsent(listing: Awaited<ReturnType<typeof listConsent>>, json: boolean | undefined): void {
  if (json) return printJson(listing);
  const rows: Array<Array<string | null>> = listing.oauth2PermissionGrants.map((g) => [g.clientDisplayName, g.clientAppId, g.resourceDisplayName, 'delegated', g.consentType === 'AllPrincipals' ? 'all users' : (g.principalUserPrincipalName ?? g.principalId), g.scope]);
  const applications = new Map<string, Array<string | null>>();
  for (const a of listing.appRoleAssignments) {
    const key = `${a.principalId}/${a.resourceId}`;
    const row = applications.get(key) ?? [a.principalDisplayName, a.clientAppId, a.resourceDisplayName, 'application', null, ''];
    row[5] = [row[5], a.appRoleValue ?? a.appRoleId].filter(Boolean).join(' ');
    applications.set(key, row);
  }
  printTable(['client', 'appId', 'resource', 'type', 'consent for', 'permissions'], [...rows, ...applications.values()]);
}
