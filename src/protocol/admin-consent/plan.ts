/**
 * What an administrator approves at `/adminconsent` (protocol.md §6, §14.1): per resource, the
 * delegated permissions (an `AllPrincipals` grant) and the application permissions (app role
 * assignments to the client's service principal).
 * - §6.1, and `{resource}/.default` at §6.2: every static permission of `requiredResourceAccess`,
 *   delegated and application ("behaves like 6.1").
 * - §6.2 named scopes: those delegated scopes; "application permissions can only be granted via
 *   `.default`", so a named app role is an unknown scope (AADSTS70011). OIDC scopes are recorded
 *   on Microsoft Graph's grant, where Entra keeps them (§10.2).
 * Resources not yet in the tenant are read from their home tenant's service principal when the
 * app is multi-tenant; approval then provisions them (`ensureServicePrincipal`).
 */
import type { Directory } from '../../directory/directory.js';
import { GRAPH_APP_ID } from '../../directory/graph-catalog.js';
import { onConflictRetry } from '../../directory/retry.js';
import type { Application, AppRole, PermissionScope, ServicePrincipal, Tenant } from '../../directory/types.js';
import { parseDelegatedScope } from '../delegated-scopes.js';
import { OAuthError } from '../errors.js';

export interface PlannedResource {
  appId: string;
  displayName: string;
  scopes: PermissionScope[];
  roles: AppRole[];
  /** OIDC scopes (Graph's grant only). */
  oidc: string[];
}

/** The two forms of the endpoint: §6.1 (static) or §6.2 with its `scope`. */
export type AdminConsentForm = { form: 'v1' } | { form: 'v2'; scope: string };

const REDIRECT = { allowRedirect: true } as const;

export async function adminConsentPlan(directory: Directory, app: Application, tenant: Tenant, request: AdminConsentForm): Promise<PlannedResource[]> {
  const plan: PlannedResource[] = [];
  const entry = (sp: ServicePrincipal): PlannedResource => {
    let found = plan.find((p) => p.appId === sp.appId);
    if (found === undefined) plan.push((found = { appId: sp.appId, displayName: sp.displayName, scopes: [], roles: [], oidc: [] }));
    return found;
  };
  const parsed = request.form === 'v2' ? parseDelegatedScope(request.scope) : undefined;
  const first = parsed?.errors[0];
  if (first !== undefined) throw redirectable(first);
  if (parsed === undefined || parsed.resources.some((r) => r.isDefault)) {
    for (const required of app.requiredResourceAccess) {
      const sp = await resourceDefinitions(directory, tenant, required.resourceAppId);
      if (sp === undefined) throw new OAuthError(650052, [required.resourceAppId, tenant.displayName], REDIRECT);
      const ids = (type: 'Scope' | 'Role') => new Set(required.resourceAccess.filter((a) => a.type === type).map((a) => a.id.toLowerCase()));
      const scopeIds = ids('Scope');
      const roleIds = ids('Role');
      const item = entry(sp);
      add(item.scopes, sp.oauth2PermissionScopes.filter((s) => s.isEnabled && scopeIds.has(s.id.toLowerCase())));
      add(item.roles, sp.appRoles.filter((r) => r.isEnabled && r.allowedMemberTypes.includes('Application') && roleIds.has(r.id.toLowerCase())));
    }
  }
  for (const resource of parsed?.resources ?? []) {
    if (resource.isDefault) {
      // The `.default` resource itself must exist for this app (its static list may omit it).
      const sp = await findResource(directory, app, tenant, resource.isGraph ? GRAPH_APP_ID : resource.resource);
      if (sp === undefined) throw new OAuthError(500011, [resource.resource.slice(0, 200), tenant.displayName], REDIRECT);
      continue;
    }
    const sp = await findResource(directory, app, tenant, resource.isGraph ? GRAPH_APP_ID : resource.resource);
    if (sp === undefined) throw new OAuthError(500011, [resource.resource.slice(0, 200), tenant.displayName], REDIRECT);
    const scopes: PermissionScope[] = [];
    for (const wanted of resource.scopes) {
      // protocol.md §10.1: values match case-insensitively.
      const definition = sp.oauth2PermissionScopes.find((s) => s.isEnabled && s.value.toLowerCase() === wanted.value.toLowerCase());
      if (definition === undefined) throw new OAuthError(70011, [wanted.written.slice(0, 200)], REDIRECT);
      scopes.push(definition);
    }
    add(entry(sp).scopes, scopes);
  }
  if (parsed !== undefined && parsed.oidc.size > 0) {
    const graph = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
    if (graph !== undefined) entry(graph).oidc.push(...parsed.oidc);
  }
  return plan;
}

/** §6.2's `scope` syntax (protocol.md §10.1–10.4), checked before the administrator signs in. */
export function checkAdminConsentScope(scope: string): void {
  const first = parseDelegatedScope(scope).errors[0];
  if (first !== undefined) throw redirectable(first);
}

/** The same error, deliverable to the (trusted) redirect URI. */
function redirectable(error: OAuthError): OAuthError {
  const copy = new OAuthError(error.aadsts, [], { ...REDIRECT, error: error.error });
  copy.message = error.message;
  return copy;
}

function add<T extends { id: string }>(into: T[], items: readonly T[]): void {
  for (const item of items) if (!into.some((i) => i.id === item.id)) into.push(item);
}

/** The resource's service principal in the tenant, or (multi-tenant apps) in its home tenant. */
async function resourceDefinitions(directory: Directory, tenant: Tenant, appId: string): Promise<ServicePrincipal | undefined> {
  const local = await directory.getServicePrincipalByAppId(tenant.id, appId);
  if (local !== undefined) return local;
  const app = await directory.getApplicationByAppId(appId);
  if (app === undefined || !availableIn(app, tenant)) return undefined;
  return directory.getServicePrincipalByAppId(app.tenantId, app.appId);
}

/** A named resource (appId or identifier URI): in the tenant, or among the app's required resources. */
async function findResource(directory: Directory, app: Application, tenant: Tenant, identifier: string): Promise<ServicePrincipal | undefined> {
  const local = await directory.findResourceServicePrincipal(tenant.id, identifier);
  if (local !== undefined) return local;
  const wanted = identifier.toLowerCase().replace(/\/$/, '');
  for (const required of app.requiredResourceAccess) {
    const resource = await directory.getApplicationByAppId(required.resourceAppId);
    if (resource === undefined || !availableIn(resource, tenant)) continue;
    const names = [resource.appId, ...resource.identifierUris].map((n) => n.toLowerCase().replace(/\/$/, ''));
    if (names.includes(wanted)) return directory.getServicePrincipalByAppId(resource.tenantId, resource.appId);
  }
  return undefined;
}

/** protocol.md §15.2: only multi-tenant apps get a service principal outside their home tenant. */
export function availableIn(app: Application, tenant: Tenant): boolean {
  return app.tenantId === tenant.id || app.signInAudience === 'AzureADMultipleOrgs' || app.signInAudience === 'AzureADandPersonalMicrosoftAccount';
}

// Entra ("Grant tenant-wide admin consent to an application"): a Global Administrator or a
// Privileged Role Administrator may consent to any permission; an Application Administrator or
// Cloud Application Administrator to any except Microsoft Graph's app roles.
const ANY_PERMISSION = new Set(['62e90394-69f5-4237-9190-012177145e10', 'e8611ab8-c189-46e8-94e1-60213ab1f814']);
const EXCEPT_GRAPH_ROLES = new Set(['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', '158c047a-c907-4556-b7ef-446551a6b5f7']);

/** May a user holding `directoryRoles` approve `plan` for the tenant? */
export function mayApprove(directoryRoles: readonly string[], plan: readonly PlannedResource[]): boolean {
  const roles = directoryRoles.map((r) => r.toLowerCase());
  if (roles.some((r) => ANY_PERMISSION.has(r))) return true;
  if (!roles.some((r) => EXCEPT_GRAPH_ROLES.has(r))) return false;
  return !plan.some((p) => p.appId === GRAPH_APP_ID && p.roles.length > 0);
}

/** Approval (protocol.md §6 "Effects"), in one directory transaction. */
export async function approve(directory: Directory, tenantId: string, app: Application, plan: readonly PlannedResource[]): Promise<void> {
  // Another administrator (or node) inserting the same rows first: re-running merges into them.
  const run = () => directory.transaction(async (dir) => {
    const client = await dir.ensureServicePrincipal(tenantId, app.appId);
    for (const item of plan) {
      const resource = await dir.ensureServicePrincipal(tenantId, item.appId);
      for (const role of item.roles) {
        await dir.assignAppRole(tenantId, { principalId: client.id, principalType: 'ServicePrincipal', resourceId: resource.id, appRoleId: role.id });
      }
      const scope = [...item.oidc, ...item.scopes.map((s) => s.value)].join(' ');
      if (scope !== '') await dir.grantDelegatedPermissions(tenantId, { clientId: client.id, consentType: 'AllPrincipals', principalId: null, resourceId: resource.id, scope });
    }
  });
  await onConflictRetry(run, run);
}
