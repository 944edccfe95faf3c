/**
 * Basic user consent at `/authorize` (protocol.md §10.5, §14): which of the requested delegated
 * permissions the user (or an admin for everyone) has not granted the client yet, what the
 * consent page lists for them, and recording the user's Accept as `Principal` grants.
 *
 * OIDC scopes: recorded on Microsoft Graph's grant, as Entra does (§10.2). [I] They ask for
 * consent only when the client holds no delegated grant at all for this user — an admin-consented
 * app is not re-prompted for "Sign you in".
 */
import type { Directory } from '../../directory/directory.js';
import { GRAPH_APP_ID } from '../../directory/graph-catalog.js';
import type { Application, PermissionScope, ServicePrincipal, User } from '../../directory/types.js';
import type { ConsentPermission } from '../../web/pages/consent.js';
import { parseDelegatedScope } from '../delegated-scopes.js';
import { grantedScopeValues, resolveResources } from '../delegated/permissions.js';
import { OIDC_SCOPES } from '../scopes.js';
import type { AuthorizeRequest } from './request.js';

/** Entra's consent labels of the OIDC scopes (protocol.md §10.2). */
const OIDC_LABELS: Record<string, ConsentPermission> = {
  openid: { displayName: 'Sign you in', description: 'Allows you to sign in to the app with your work or school account and allows the app to read your basic profile information.' },
  profile: { displayName: 'View your basic profile', description: 'Allows the app to see your basic profile (e.g., name, picture, user name, email address).' },
  email: { displayName: 'View your email address', description: 'Allows the app to read your primary email address.' },
  offline_access: { displayName: 'Maintain access to data you have given it access to', description: 'Allows the app to see and update the data you gave it access to, even when you are not currently using the app.' },
};

/** Roles that may consent to `Admin` scopes (Global, Application, Cloud Application Administrator). */
const CONSENTING_ROLES = new Set(['62e90394-69f5-4237-9190-012177145e10', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', '158c047a-c907-4556-b7ef-446551a6b5f7']);

export interface MissingGrant {
  resource: ServicePrincipal;
  scopes: PermissionScope[];
  oidc: string[];
}

export interface ConsentNeed {
  missing: MissingGrant[];
  /** A missing scope only an admin can grant, and the user is none (AADSTS90094). */
  adminRequired: boolean;
  permissions: ConsentPermission[];
}

/** The scope string consent is about: v1 asks for the resource's static permissions (§9.1). */
export function consentScope(request: AuthorizeRequest): string {
  return request.endpointVersion === 'v1' ? `openid ${request.resource ? `${request.resource}/.default` : ''}`.trim() : request.scope;
}

export async function consentNeed(directory: Directory, request: AuthorizeRequest, app: Application, tenantId: string, tenantName: string, user: User, force: boolean): Promise<ConsentNeed> {
  const parsed = parseDelegatedScope(consentScope(request));
  const resolved = await resolveResources(directory, tenantId, tenantName, parsed);
  const graph = resolved.find((r) => r.servicePrincipal.appId === GRAPH_APP_ID)?.servicePrincipal ?? (await directory.findResourceServicePrincipal(tenantId, GRAPH_APP_ID));
  const clientSp = await directory.getServicePrincipalByAppId(tenantId, app.appId);
  const missing: MissingGrant[] = [];
  let anyGrant = false;
  for (const r of resolved) {
    const granted = clientSp === undefined ? new Set<string>() : await grantedScopeValues(directory, tenantId, clientSp.id, r.servicePrincipal.id, user.id);
    if (granted.size > 0) anyGrant = true;
    // protocol.md §10.4: `.default` prompts only when no grant exists; OIDC values alone are none.
    const resourceGrant = [...granted].some((v) => !OIDC_SCOPES.has(v));
    const wanted = r.request.isDefault ? staticScopes(app, r.servicePrincipal) : r.scopes;
    const lacking = force ? wanted : r.request.isDefault && resourceGrant ? [] : wanted.filter((s) => !granted.has(s.value.toLowerCase()));
    if (lacking.length > 0) missing.push({ resource: r.servicePrincipal, scopes: lacking, oidc: [] });
  }
  const oidc = [...parsed.oidc];
  if (oidc.length > 0 && graph !== undefined && (force || (!anyGrant && !(await anyDelegatedGrant(directory, tenantId, clientSp, user.id))))) {
    const entry = missing.find((m) => m.resource.id === graph.id);
    if (entry) entry.oidc = oidc;
    else missing.push({ resource: graph, scopes: [], oidc });
  }
  const isAdmin = user.directoryRoles.some((role) => CONSENTING_ROLES.has(role));
  const adminRequired = !isAdmin && missing.some((m) => m.scopes.some((s) => s.type === 'Admin'));
  const several = missing.filter((m) => m.scopes.length > 0).length > 1;
  const permissions = missing.flatMap((m) => [
    ...m.oidc.map((o) => OIDC_LABELS[o] as ConsentPermission),
    ...m.scopes.map((s) => ({
      displayName: s.userConsentDisplayName ?? s.adminConsentDisplayName,
      description: s.userConsentDescription ?? s.adminConsentDescription,
      ...(several ? { resource: m.resource.displayName } : {}),
    })),
  ]);
  return { missing, adminRequired, permissions };
}

async function anyDelegatedGrant(directory: Directory, tenantId: string, clientSp: ServicePrincipal | undefined, userId: string): Promise<boolean> {
  if (clientSp === undefined) return false;
  const grants = await directory.listOAuth2PermissionGrants(tenantId, clientSp.id);
  return grants.some((g) => g.consentType === 'AllPrincipals' || g.principalId?.toLowerCase() === userId.toLowerCase());
}

/** protocol.md §10.4: `.default` = the client's statically required delegated permissions. */
function staticScopes(app: Application, resource: ServicePrincipal): PermissionScope[] {
  const ids = new Set(app.requiredResourceAccess.filter((r) => r.resourceAppId === resource.appId).flatMap((r) => r.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id)));
  return resource.oauth2PermissionScopes.filter((s) => s.isEnabled && ids.has(s.id));
}

/** Accept: one `Principal` grant per resource (the client's SP created for a multi-tenant app). */
export async function recordConsent(directory: Directory, tenantId: string, app: Application, user: User, missing: readonly MissingGrant[]): Promise<void> {
  const clientSp = await directory.ensureServicePrincipal(tenantId, app.appId);
  for (const m of missing) {
    const scope = [...m.oidc, ...m.scopes.map((s) => s.value)].join(' ');
    if (scope !== '') await directory.grantDelegatedPermissions(tenantId, { clientId: clientSp.id, consentType: 'Principal', principalId: user.id, resourceId: m.resource.id, scope });
  }
}
