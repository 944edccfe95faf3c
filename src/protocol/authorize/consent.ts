/**
 * User and administrator consent at `/authorize` (protocol.md §10.4–10.5, §14): which of the
 * requested delegated permissions the client does not hold yet for this user (incremental: only
 * what is new), whether the user may grant them (tenant policy, `Admin` scopes: the "approval
 * required" page otherwise), what the page lists, and recording an Accept — a `Principal` grant
 * for the user, or an `AllPrincipals` grant when an administrator consents on behalf of the
 * organization. Grants merge into the existing one (directory/consent.ts), never duplicate.
 *
 * OIDC scopes: recorded on Microsoft Graph's grant, as Entra does (§10.2). [I] They ask for
 * consent only when the client holds no delegated grant at all for this user — an admin-consented
 * (or pre-authorized) app is not re-prompted for "Sign you in".
 */
import { approvalRequired, isConsentAdministrator, type ConsentAsk } from '../../directory/consent-policy.js';
import type { Directory } from '../../directory/directory.js';
import { GRAPH_APP_ID } from '../../directory/graph-catalog.js';
import type { Application, PermissionScope, ServicePrincipal, User } from '../../directory/types.js';
import type { ConsentPermission } from '../../web/pages/consent.js';
import { parseDelegatedScope } from '../delegated-scopes.js';
import { grantedScopeValues, resolveResources, type ResolvedResource } from '../delegated/permissions.js';
import { OAuthError } from '../errors.js';
import { OIDC_SCOPES } from '../scopes.js';
import { OIDC_LABELS } from './consent-labels.js';
import type { AuthorizeRequest } from './request.js';

export interface MissingGrant {
  resource: ServicePrincipal;
  scopes: PermissionScope[];
  oidc: string[];
}

export interface ConsentNeed {
  missing: MissingGrant[];
  /** The user may not grant what is missing (tenant policy, `Admin` scopes): AADSTS90094. */
  adminRequired: boolean;
  /** The user may consent for the whole tenant ("Consent on behalf of your organization"). */
  isAdmin: boolean;
  /** `prompt=admin_consent`: an Accept is for the whole tenant (protocol.md §14.4). */
  organizationOnly: boolean;
  permissions: ConsentPermission[];
}

/** The scope string consent is about: v1 asks for the resource's static permissions (§9.1). */
export function consentScope(request: AuthorizeRequest): string {
  return request.endpointVersion === 'v1' ? `openid ${request.resource ? `${request.resource}/.default` : ''}`.trim() : request.scope;
}

/** `prompt=consent` and `prompt=admin_consent` show the page even when nothing is new (§14.4). */
export function forcesConsent(request: AuthorizeRequest): boolean {
  return request.prompt === 'consent' || request.prompt === 'admin_consent';
}

export async function consentNeed(directory: Directory, request: AuthorizeRequest, app: Application, tenantId: string, tenantName: string, user: User, force: boolean): Promise<ConsentNeed> {
  const parsed = parseDelegatedScope(consentScope(request));
  const resolved = await redirectable(resolveResources(directory, tenantId, tenantName, parsed));
  const graph = resolved.find((r) => r.servicePrincipal.appId === GRAPH_APP_ID)?.servicePrincipal ?? (await directory.findResourceServicePrincipal(tenantId, GRAPH_APP_ID));
  const clientSp = await directory.getServicePrincipalByAppId(tenantId, app.appId);
  const missing: MissingGrant[] = [];
  let anyGrant = false;
  for (const r of resolved) {
    const granted = clientSp === undefined ? new Set<string>() : await grantedScopeValues(directory, tenantId, clientSp.id, r.servicePrincipal.id, user.id);
    if (granted.size > 0) anyGrant = true;
    const lacking = force ? wantedScopes(app, r) : wantedScopes(app, r).filter((s) => !granted.has(s.value.toLowerCase()));
    if (lacking.length > 0) missing.push({ resource: r.servicePrincipal, scopes: lacking, oidc: [] });
  }
  const oidc = [...parsed.oidc];
  if (oidc.length > 0 && graph !== undefined && (force || (!anyGrant && !(await anyDelegatedGrant(directory, tenantId, clientSp, user.id))))) {
    const entry = missing.find((m) => m.resource.id === graph.id);
    if (entry) entry.oidc = oidc;
    else missing.push({ resource: graph, scopes: [], oidc });
  }
  const [policy, tenant] = await Promise.all([directory.getUserConsentPolicy(tenantId), directory.getTenant(tenantId)]);
  const asks: ConsentAsk[] = missing.flatMap((m) => [
    ...m.oidc.map((value) => ({ resourceAppId: m.resource.appId, value, type: 'User' as const })),
    ...m.scopes.map((s) => ({ resourceAppId: m.resource.appId, value: s.value, type: s.type })),
  ]);
  const organizationOnly = request.prompt === 'admin_consent';
  const adminRequired = approvalRequired({ policy, tenantKind: tenant?.kind ?? 'organization', directoryRoles: user.directoryRoles, asks, adminConsentRequested: organizationOnly });
  return { missing, adminRequired, isAdmin: isConsentAdministrator(user.directoryRoles), organizationOnly, permissions: listed(missing) };
}

/**
 * The scopes asked of one resource: those named, or for `.default` the client's static
 * `requiredResourceAccess` (§10.4). ENTRA-COMPAT: Entra prompts for `.default` only when no grant
 * exists; Tessera asks again for a static permission added since (issue 9 item 5, scenario 002),
 * so an app whose required permissions grew is not left with a token that lacks them.
 */
function wantedScopes(app: Application, r: ResolvedResource): PermissionScope[] {
  if (!r.request.isDefault) return r.scopes;
  const ids = new Set(app.requiredResourceAccess.filter((x) => x.resourceAppId === r.servicePrincipal.appId).flatMap((x) => x.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id.toLowerCase())));
  return r.servicePrincipal.oauth2PermissionScopes.filter((s) => s.isEnabled && ids.has(s.id.toLowerCase()) && !OIDC_SCOPES.has(s.value.toLowerCase()));
}

function listed(missing: readonly MissingGrant[]): ConsentPermission[] {
  const several = missing.filter((m) => m.scopes.length > 0).length > 1;
  return missing.flatMap((m) => [
    ...m.oidc.map((o) => OIDC_LABELS[o] as ConsentPermission),
    ...m.scopes.map((s) => ({
      displayName: s.userConsentDisplayName ?? s.adminConsentDisplayName,
      description: s.userConsentDescription ?? s.adminConsentDescription,
      ...(several ? { resource: m.resource.displayName } : {}),
    })),
  ]);
}

/** protocol.md §3.5: once the redirect URI is trusted, a scope the tenant cannot resolve goes to the app. */
async function redirectable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof OAuthError) || error.allowRedirect) throw error;
    const copy = new OAuthError(error.aadsts, [], { allowRedirect: true, error: error.error });
    copy.message = error.message;
    throw copy;
  }
}

async function anyDelegatedGrant(directory: Directory, tenantId: string, clientSp: ServicePrincipal | undefined, userId: string): Promise<boolean> {
  if (clientSp === undefined) return false;
  const grants = await directory.listOAuth2PermissionGrants(tenantId, clientSp.id);
  return grants.some((g) => g.consentType === 'AllPrincipals' || g.principalId?.toLowerCase() === userId.toLowerCase());
}

/**
 * Accept: one grant per resource, merged into the existing one — `Principal` for the user, or
 * `AllPrincipals` when an administrator consented on behalf of the organization (§14.3). The
 * client's service principal is created first for a multi-tenant app in a foreign tenant.
 */
export async function recordConsent(directory: Directory, tenantId: string, app: Application, user: User, missing: readonly MissingGrant[], options: { organization?: boolean } = {}): Promise<void> {
  const clientSp = await directory.ensureServicePrincipal(tenantId, app.appId);
  const organization = options.organization === true;
  for (const m of missing) {
    const scope = [...m.oidc, ...m.scopes.map((s) => s.value)].join(' ');
    if (scope === '') continue;
    await directory.grantDelegatedPermissions(tenantId, { clientId: clientSp.id, consentType: organization ? 'AllPrincipals' : 'Principal', principalId: organization ? null : user.id, resourceId: m.resource.id, scope });
  }
}
