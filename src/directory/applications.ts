/**
 * Application registrations (protocol.md §15, graph.md §2.5): created with their home-tenant
 * service principal in one transaction, with Graph's defaults for everything not given.
 */
import { isGuid, newGuid } from '../lib/ids.js';
import { applicationUrlIssues, formatUrlIssuePath, type ApplicationUrlIssue } from './application-urls.js';
import type { NewRow } from '../storage/schema.js';
import type { NewApplication } from './directory.js';
import type { DirectoryContext } from './context.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { FIRST_PARTY_RESOURCES } from './graph-catalog.js';
import type { ApiApplication, Application, WebApplication } from './types.js';

/**
 * Redirect URIs or links the directory refuses (application-urls.ts), each with its property path
 * (`web.redirectUris[2]`), so every surface can name the field: environment files prefix their
 * own path, Graph writes can answer with `details[].target`.
 */
export class ApplicationUrlError extends ValidationError {
  readonly issues: readonly ApplicationUrlIssue[];

  constructor(issues: readonly ApplicationUrlIssue[]) {
    super('InvalidApplicationUrl', issues.map((i) => `${formatUrlIssuePath(i.path)}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

function optionalGuid(value: string | undefined, property: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isGuid(value)) throw new ValidationError('InvalidId', `${property} '${value}' is not a GUID`);
  return value.toLowerCase();
}

/** The applications row for `input`, with Graph's defaults (graph.md §2.5). */
function applicationRow(tenantId: string, id: string, appId: string, input: NewApplication, createdAt: string): NewRow<'applications'> {
  const web: WebApplication = {
    redirectUris: input.web?.redirectUris ?? [],
    homePageUrl: input.web?.homePageUrl ?? null,
    logoutUrl: input.web?.logoutUrl ?? null,
    implicitGrantSettings: {
      enableAccessTokenIssuance: input.web?.implicitGrantSettings?.enableAccessTokenIssuance ?? false,
      enableIdTokenIssuance: input.web?.implicitGrantSettings?.enableIdTokenIssuance ?? false,
    },
  };
  const api: ApiApplication = {
    requestedAccessTokenVersion: input.api?.requestedAccessTokenVersion ?? null,
    oauth2PermissionScopes: input.api?.oauth2PermissionScopes ?? [],
    preAuthorizedApplications: input.api?.preAuthorizedApplications ?? [],
    knownClientApplications: input.api?.knownClientApplications ?? [],
    acceptMappedClaims: null,
  };
  return {
    id,
    app_id: appId,
    tenant_id: tenantId,
    display_name: input.displayName,
    sign_in_audience: input.signInAudience ?? 'AzureADMyOrg',
    identifier_uris: JSON.stringify(input.identifierUris ?? []),
    web: JSON.stringify(web),
    spa: JSON.stringify({ redirectUris: input.spa?.redirectUris ?? [] }),
    public_client: JSON.stringify({ redirectUris: input.publicClient?.redirectUris ?? [] }),
    is_fallback_public_client: input.isFallbackPublicClient === true ? 1 : 0,
    api: JSON.stringify(api),
    app_roles: JSON.stringify(input.appRoles ?? []),
    required_resource_access: JSON.stringify(input.requiredResourceAccess ?? []),
    optional_claims: null,
    group_membership_claims: input.groupMembershipClaims ?? null,
    created_at: createdAt,
  };
}

/** Directory methods for applications (credentials are in application-credentials.ts). */
export function applicationOperations(ctx: DirectoryContext) {
  const getApplication = (objectId: string) =>
    ctx.read((q) => (isGuid(objectId) ? q.applications.findById(objectId.toLowerCase()) : Promise.resolve(undefined)));

  async function createApplication(tenantId: string, input: NewApplication): Promise<Application> {
    if (input.displayName.trim() === '') throw new ValidationError('InvalidDisplayName', 'displayName is required');
    const urlIssues = applicationUrlIssues(input);
    if (urlIssues.length > 0) throw new ApplicationUrlError(urlIssues);
    const id = optionalGuid(input.id, 'id') ?? newGuid();
    const appId = optionalGuid(input.appId, 'appId') ?? newGuid();
    const conflict = () => new ConflictError('AppIdConflict', `An application with appId or id '${appId}' already exists`);
    // First-party appIds (Microsoft Graph) are reserved.
    if (FIRST_PARTY_RESOURCES.has(appId)) throw conflict();
    const now = ctx.now().toISOString();
    await ctx.write(
      async (q) => {
        if (!(await q.tenants.findById(tenantId))) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
        if (await q.applications.findByAppId(appId)) throw conflict();
        await q.applications.insert(applicationRow(tenantId, id, appId, input, now));
        // protocol.md §15.1: registration creates the home-tenant service principal.
        await q.servicePrincipals.insert({
          id: newGuid(),
          tenant_id: tenantId,
          app_id: appId,
          application_id: id,
          display_name: input.displayName,
          account_enabled: input.servicePrincipal?.accountEnabled === false ? 0 : 1,
          app_role_assignment_required: input.servicePrincipal?.appRoleAssignmentRequired ? 1 : 0,
          service_principal_type: 'Application',
          app_owner_organization_id: tenantId,
          created_at: now,
        });
      },
      { conflict },
    );
    return (await getApplication(id)) as Application;
  }

  return {
    createApplication,
    getApplication,
    getApplicationByAppId: (appId: string) =>
      ctx.read((q) => (isGuid(appId) ? q.applications.findByAppId(appId.toLowerCase()) : Promise.resolve(undefined))),
    listApplications: (tenantId: string) => ctx.read((q) => q.applications.listByTenant(tenantId)),
  };
}
