/**
 * Service principals: the per-tenant instance of an application (protocol.md §15.1). Their
 * resource definition (app roles, scopes, identifier URIs, token version) is resolved from the
 * application row, or from the first-party catalog for Microsoft Graph.
 */
import { isGuid, newGuid } from '../lib/ids.js';
import type { Queries, ServicePrincipalRecord } from '../storage/queries/index.js';
import type { DirectoryContext } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { onConflictRetry } from './retry.js';
import { FIRST_PARTY_RESOURCES, GRAPH_APP_ID, isGraphIdentifier } from './graph-catalog.js';
import type { ServicePrincipal, SignInAudience, Tenant } from './types.js';

/** Compose the Graph-shaped service principal from its row and its application/catalog entry. */
export function toServicePrincipal({ row, application }: ServicePrincipalRecord): ServicePrincipal {
  const firstParty = application === null ? FIRST_PARTY_RESOURCES.get(row.app_id) : undefined;
  const source = application ?? firstParty;
  const identifierUris = source?.identifierUris ?? [];
  const version = application !== null ? application.api.requestedAccessTokenVersion : firstParty?.accessTokenVersion;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    appId: row.app_id,
    applicationId: row.application_id,
    displayName: row.display_name,
    appDisplayName: source?.displayName ?? row.display_name,
    accountEnabled: row.account_enabled !== 0,
    appRoleAssignmentRequired: row.app_role_assignment_required !== 0,
    servicePrincipalType: row.service_principal_type,
    appOwnerOrganizationId: row.app_owner_organization_id,
    servicePrincipalNames: [...identifierUris, row.app_id],
    appRoles: [...(source?.appRoles ?? [])],
    oauth2PermissionScopes: [...(application?.api.oauth2PermissionScopes ?? firstParty?.oauth2PermissionScopes ?? [])],
    signInAudience: source?.signInAudience ?? 'AzureADMyOrg',
    // protocol.md §15.5: null → v1 tokens.
    accessTokenVersion: version === 2 ? 2 : 1,
    createdDateTime: row.created_at,
  };
}

/** Whether an app homed elsewhere may get a service principal in a tenant of this kind. */
function availableIn(audience: SignInAudience, kind: Tenant['kind']): boolean {
  // protocol.md §15.2 signInAudience: MyOrg is single-tenant; MSA audiences reach `consumers`.
  if (kind === 'consumers') return audience === 'AzureADandPersonalMicrosoftAccount' || audience === 'PersonalMicrosoftAccount';
  return audience === 'AzureADMultipleOrgs' || audience === 'AzureADandPersonalMicrosoftAccount';
}

/**
 * The app's service principal in the tenant, created if missing (consent provisioning). Runs on
 * the given queries so callers can include it in their transaction.
 */
export async function ensureServicePrincipalIn(q: Queries, now: Date, tenantId: string, appId: string): Promise<ServicePrincipal> {
  const normalizedAppId = appId.toLowerCase();
  const existing = await q.servicePrincipals.findByAppId(tenantId, normalizedAppId);
  if (existing !== undefined) return toServicePrincipal(existing);
  const tenant = await q.tenants.findById(tenantId);
  if (tenant === undefined) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
  const firstParty = FIRST_PARTY_RESOURCES.get(normalizedAppId);
  if (firstParty !== undefined) {
    await q.servicePrincipals.insert(firstPartyRow(tenantId, firstParty.appId, now));
  } else {
    const application = await q.applications.findByAppId(normalizedAppId);
    if (application === undefined) {
      throw new NotFoundError('ApplicationNotFound', `Application with identifier '${appId}' was not found`);
    }
    if (application.tenantId !== tenantId && !availableIn(application.signInAudience, tenant.kind)) {
      // Entra: AADSTS700016, a single-tenant app is not found in other directories.
      throw new ValidationError(
        'ApplicationNotAvailableInTenant',
        `Application '${appId}' (${application.signInAudience}) cannot be used in tenant '${tenantId}'`,
      );
    }
    await q.servicePrincipals.insert({
      id: newGuid(),
      tenant_id: tenantId,
      app_id: application.appId,
      application_id: application.id,
      display_name: application.displayName,
      account_enabled: 1,
      app_role_assignment_required: 0,
      service_principal_type: 'Application',
      app_owner_organization_id: application.tenantId,
      created_at: now.toISOString(),
    });
  }
  const created = await q.servicePrincipals.findByAppId(tenantId, normalizedAppId);
  if (created === undefined) throw new NotFoundError('ServicePrincipalNotFound', 'Service principal vanished after insert');
  return toServicePrincipal(created);
}

/** The row of a first-party service principal (Microsoft Graph) in a tenant. */
export function firstPartyRow(tenantId: string, appId: string, now: Date) {
  const resource = FIRST_PARTY_RESOURCES.get(appId);
  if (resource === undefined) throw new NotFoundError('ApplicationNotFound', `No first-party application '${appId}'`);
  return {
    id: newGuid(),
    tenant_id: tenantId,
    app_id: resource.appId,
    application_id: null,
    display_name: resource.displayName,
    account_enabled: 1,
    app_role_assignment_required: 0,
    service_principal_type: 'Application' as const,
    app_owner_organization_id: resource.appOwnerOrganizationId,
    created_at: now.toISOString(),
  };
}

/**
 * Resolve a resource identifier in a tenant: an appId GUID, or an identifier URI matched
 * exactly except for one trailing slash (protocol.md §10.4 `{resource}/.default`).
 */
export async function findResourceIn(q: Queries, tenantId: string, identifier: string): Promise<ServicePrincipal | undefined> {
  const value = identifier.trim();
  if (value === '') return undefined;
  if (isGuid(value)) {
    const record = await q.servicePrincipals.findByAppId(tenantId, value.toLowerCase());
    return record === undefined ? undefined : toServicePrincipal(record);
  }
  if (isGraphIdentifier(value)) {
    const record = await q.servicePrincipals.findByAppId(tenantId, GRAPH_APP_ID);
    return record === undefined ? undefined : toServicePrincipal(record);
  }
  const variant = value.endsWith('/') ? value.slice(0, -1) : `${value}/`;
  const records = await q.servicePrincipals.findByIdentifierUri(tenantId, variant === '' ? [value] : [value, variant]);
  // An exact match wins over the trailing-slash variant.
  const exact = records.find((r) => r.application?.identifierUris.includes(value) === true);
  const match = exact ?? records[0];
  return match === undefined ? undefined : toServicePrincipal(match);
}

/** Directory methods for service principals. */
export function servicePrincipalOperations(ctx: DirectoryContext) {
  return {
    getServicePrincipal: (tenantId: string, id: string) =>
      ctx.read(async (q) => {
        if (!isGuid(id)) return undefined;
        const record = await q.servicePrincipals.findById(tenantId, id.toLowerCase());
        return record === undefined ? undefined : toServicePrincipal(record);
      }),

    getServicePrincipalByAppId: (tenantId: string, appId: string) =>
      ctx.read(async (q) => {
        if (!isGuid(appId)) return undefined;
        const record = await q.servicePrincipals.findByAppId(tenantId, appId.toLowerCase());
        return record === undefined ? undefined : toServicePrincipal(record);
      }),

    findResourceServicePrincipal: (tenantId: string, identifier: string) => ctx.read((q) => findResourceIn(q, tenantId, identifier)),

    async ensureServicePrincipal(tenantId: string, appId: string): Promise<ServicePrincipal> {
      if (!isGuid(appId)) throw new ValidationError('InvalidAppId', `'${appId}' is not a GUID`);
      const ensure = () => ctx.write((q) => ensureServicePrincipalIn(q, ctx.now(), tenantId, appId));
      // A concurrent writer created it first: the unique key (tenant, appId) held; read it.
      return onConflictRetry(ensure, ensure);
    },

    listServicePrincipals: (tenantId: string) =>
      ctx.read(async (q) => (await q.servicePrincipals.listByTenant(tenantId)).map(toServicePrincipal)),
  };
}
