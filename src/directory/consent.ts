/**
 * Consent records (protocol.md §14): app role assignments (application permissions and
 * user/group assignment) and oAuth2PermissionGrants (delegated permissions), and tenant-wide
 * admin consent of an app's requiredResourceAccess (protocol.md §6.1).
 */
import { isGuid, newOpaqueId } from '../lib/ids.js';
import type { Queries } from '../storage/queries/index.js';
import type { Row } from '../storage/schema.js';
import type { DirectoryContext } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { onConflictRetry } from './retry.js';
import { ensureServicePrincipalIn, toServicePrincipal } from './service-principals.js';
import type { AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal } from './types.js';

type PrincipalType = AppRoleAssignment['principalType'];

/** graph.md §2.8: the "default access" role, assignable to users and groups of any resource. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

const KIND_OF: Record<PrincipalType, string> = { User: 'user', Group: 'group', ServicePrincipal: 'servicePrincipal' };

export interface AssignAppRoleInput {
  principalId: string;
  principalType: PrincipalType;
  resourceId: string;
  appRoleId: string;
}

export interface GrantInput {
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

/** The service principal `id` of the tenant, or NotFound (`ClientNotFound`, `ResourceNotFound`). */
export async function requireServicePrincipal(q: Queries, tenantId: string, id: string, role: string): Promise<ServicePrincipal> {
  const record = isGuid(id) ? await q.servicePrincipals.findById(tenantId, id.toLowerCase()) : undefined;
  if (record === undefined) throw new NotFoundError(`${role}NotFound`, `Service principal '${id}' not found in tenant '${tenantId}'`);
  return toServicePrincipal(record);
}

function checkRole(resource: ServicePrincipal, appRoleId: string, principalType: PrincipalType): void {
  const memberType = principalType === 'ServicePrincipal' ? 'Application' : 'User';
  if (appRoleId === DEFAULT_ACCESS_ROLE_ID && memberType === 'User') return;
  const role = resource.appRoles.find((r) => r.id === appRoleId);
  if (role === undefined || !role.isEnabled || !role.allowedMemberTypes.includes(memberType)) {
    throw new ValidationError('InvalidAppRole', `Permission being assigned was not found on application '${resource.appId}'`);
  }
}

function toAssignment(row: Row<'app_role_assignments'>, names: Map<string, string>): AppRoleAssignment {
  return {
    id: row.id,
    appRoleId: row.app_role_id,
    principalId: row.principal_id,
    principalType: row.principal_type,
    principalDisplayName: names.get(row.principal_id) ?? '',
    resourceId: row.resource_id,
    resourceDisplayName: names.get(row.resource_id) ?? '',
    createdDateTime: row.created_at,
  };
}

/** Create the assignment unless an identical one exists; returns the (existing or new) one. */
export async function assignAppRoleIn(q: Queries, now: Date, tenantId: string, input: AssignAppRoleInput): Promise<AppRoleAssignment> {
  const resource = await requireServicePrincipal(q, tenantId, input.resourceId, 'Resource');
  const principalId = input.principalId.toLowerCase();
  const principal = isGuid(principalId) ? await q.directoryObjects.find(tenantId, principalId) : undefined;
  if (principal === undefined) throw new NotFoundError('PrincipalNotFound', `Principal '${input.principalId}' not found`);
  if (principal.kind !== KIND_OF[input.principalType]) {
    throw new ValidationError('InvalidPrincipalType', `Principal '${principalId}' is not a ${input.principalType}`);
  }
  const appRoleId = input.appRoleId.toLowerCase();
  checkRole(resource, appRoleId, input.principalType);
  await q.consent.insertAssignmentIfAbsent({
    id: newOpaqueId(),
    tenant_id: tenantId,
    app_role_id: appRoleId,
    principal_id: principalId,
    principal_type: input.principalType,
    resource_id: resource.id,
    created_at: now.toISOString(),
  });
  const row = await q.consent.findAssignment(tenantId, principalId, resource.id, appRoleId);
  if (row === undefined) throw new NotFoundError('AssignmentNotFound', 'App role assignment vanished after insert');
  return toAssignment(row, new Map([[principalId, principal.displayName], [resource.id, resource.displayName]]));
}

/** Merge `scope` into the grant for the same (client, resource, consentType, principal). */
export async function grantIn(q: Queries, tenantId: string, input: GrantInput): Promise<OAuth2PermissionGrant> {
  const client = await requireServicePrincipal(q, tenantId, input.clientId, 'Client');
  const resource = await requireServicePrincipal(q, tenantId, input.resourceId, 'Resource');
  // protocol.md §14.2: principalId is the user for Principal grants, null for AllPrincipals.
  if ((input.consentType === 'Principal') !== (input.principalId !== null)) {
    throw new ValidationError('InvalidPrincipal', 'principalId is required for Principal grants and must be null for AllPrincipals');
  }
  const principalId = input.principalId?.toLowerCase() ?? null;
  if (principalId !== null && (await q.directoryObjects.find(tenantId, principalId))?.kind !== 'user') {
    throw new NotFoundError('PrincipalNotFound', `User '${principalId}' not found`);
  }
  const key = { tenantId, clientId: client.id, resourceId: resource.id, consentType: input.consentType, principalId };
  const requested = input.scope.split(/\s+/).filter((s) => s !== '');
  const existing = await q.consent.findGrant(key);
  if (existing === undefined) {
    return q.consent.insertGrant({
      id: newOpaqueId(),
      tenant_id: tenantId,
      client_id: client.id,
      consent_type: input.consentType,
      principal_id: principalId,
      resource_id: resource.id,
      scope: [...new Set(requested)].join(' '),
    });
  }
  const current = existing.scope.split(/\s+/).filter((s) => s !== '');
  const merged = [...new Set([...current, ...requested])].join(' ');
  if (merged !== existing.scope) await q.consent.updateGrantScope(existing.id, merged);
  return { ...existing, scope: merged };
}

/** Directory methods for consent records. */
export function consentOperations(ctx: DirectoryContext) {
  async function listAppRoleAssignments(tenantId: string, principalId: string): Promise<AppRoleAssignment[]> {
    return ctx.read(async (q) => {
      const rows = await q.consent.listAssignmentsOf(tenantId, principalId.toLowerCase());
      const names = await q.directoryObjects.displayNames(tenantId, rows.flatMap((r) => [r.principal_id, r.resource_id]));
      return rows.map((row) => toAssignment(row, names));
    });
  }

  async function assignedAppRoleValues(tenantId: string, principalId: string, resourceSpId: string): Promise<string[]> {
    if (!isGuid(principalId) || !isGuid(resourceSpId)) return [];
    return ctx.read(async (q) => {
      const record = await q.servicePrincipals.findById(tenantId, resourceSpId.toLowerCase());
      if (record === undefined) return [];
      const assigned = new Set(await q.consent.assignedRoleIds(tenantId, principalId.toLowerCase(), record.row.id));
      const roles = toServicePrincipal(record).appRoles.filter((r) => r.isEnabled && assigned.has(r.id));
      return [...new Set(roles.map((r) => r.value))];
    });
  }

  async function grantAdminConsent(tenantId: string, appId: string): Promise<void> {
    if (!isGuid(appId)) throw new ValidationError('InvalidAppId', `'${appId}' is not a GUID`);
    const consent = () => ctx.write(async (q) => {
      const now = ctx.now();
      const application = await q.applications.findByAppId(appId.toLowerCase());
      if (application === undefined) throw new NotFoundError('ApplicationNotFound', `Application with identifier '${appId}' was not found`);
      const client = await ensureServicePrincipalIn(q, now, tenantId, application.appId);
      for (const required of application.requiredResourceAccess) {
        // Throws a typed error when the resource cannot exist in this tenant (Entra: AADSTS650052).
        const resource = await ensureServicePrincipalIn(q, now, tenantId, required.resourceAppId);
        const scopes: string[] = [];
        for (const access of required.resourceAccess) {
          const id = access.id.toLowerCase();
          if (access.type === 'Role') {
            await assignAppRoleIn(q, now, tenantId, { principalId: client.id, principalType: 'ServicePrincipal', resourceId: resource.id, appRoleId: id });
            continue;
          }
          const scope = resource.oauth2PermissionScopes.find((s) => s.id === id && s.isEnabled);
          if (scope === undefined) throw new ValidationError('InvalidPermission', `Delegated permission '${id}' not found on '${resource.appId}'`);
          scopes.push(scope.value);
        }
        if (scopes.length > 0) {
          await grantIn(q, tenantId, { clientId: client.id, consentType: 'AllPrincipals', principalId: null, resourceId: resource.id, scope: scopes.join(' ') });
        }
      }
    });
    // A concurrent consent inserted the same rows first: re-running merges into them.
    await onConflictRetry(consent, consent);
  }

  return {
    assignAppRole: (tenantId: string, input: AssignAppRoleInput) => {
      const assign = () => ctx.write((q) => assignAppRoleIn(q, ctx.now(), tenantId, input));
      return onConflictRetry(assign, assign);
    },
    listAppRoleAssignments,
    assignedAppRoleValues,
    grantDelegatedPermissions: (tenantId: string, input: GrantInput) => {
      const grant = () => ctx.write((q) => grantIn(q, tenantId, input));
      return onConflictRetry(grant, grant);
    },
    listOAuth2PermissionGrants: (tenantId: string, clientSpId?: string) =>
      ctx.read((q) => q.consent.listGrants(tenantId, clientSpId?.toLowerCase())),
    grantAdminConsent,
  };
}
