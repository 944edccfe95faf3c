/**
 * The admin-consent steps after sign-in (protocol.md §6): the signed-in account's own tenant is
 * the consenting one (`/common/adminconsent` included, §2.1); only an administrator allowed to
 * grant everything asked sees the page (others: AADSTS90094 page); Accept writes the grants in one
 * transaction and sends `tenant`, `state`, `admin_consent=True` (and §6.2's `scope`); Cancel sends
 * `error=access_denied` (AADSTS65004).
 *
 * The page's pending state is its own entry in the session store (`admin-consent-flow`), named by
 * an opaque handle; its CSRF token is bound to the browser session and to that handle.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Application, Tenant, User } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import { newHandle, type SessionAccount } from '../../state/index.js';
import { createCsrfToken, verifyCsrfToken } from '../../web/csrf.js';
import { adminConsentPage, type AdminConsentPermission } from '../../web/pages/admin-consent.js';
import { pageChrome, sendPage } from '../../web/render.js';
import { OAuthError } from '../errors.js';
import { currentBrowserSession, type BrowserSession } from '../authorize/flow.js';
import { errorParameters, redirectLocation } from '../authorize/deliver.js';
import type { AuthorizeRequest } from '../authorize/request.js';
import { adminConsentPlan, approve, availableIn, mayApprove, type PlannedResource } from './plan.js';

interface AdminConsentFlow {
  kind: 'admin-consent-flow';
  request: AuthorizeRequest;
  user: { tenantId: string; id: string };
}

const OIDC_LABELS: Record<string, { displayName: string; description: string }> = {
  openid: { displayName: 'Sign users in', description: 'Allows users to sign in to the app with their work or school accounts and allows the app to see basic user profile information.' },
  profile: { displayName: "View users' basic profile", description: "Allows the app to see your users' basic profile (e.g., name, picture, user name, email address)." },
  email: { displayName: "View users' email address", description: "Allows the app to read your users' primary email address." },
  offline_access: { displayName: 'Maintain access to data you have given it access to', description: 'Allows the app to see and update the data you gave it access to, even when users are not currently using the app.' },
};

interface Decision {
  tenant: Tenant;
  app: Application;
  plan: PlannedResource[];
}

/** What the administrator would approve, or the error they get (page unless noted). */
async function decide(deps: AppDeps, authz: AuthorizeRequest, user: User): Promise<Decision> {
  const form = authz.adminConsent;
  const [tenant, app] = await Promise.all([deps.directory.getTenant(user.tenantId), deps.directory.getApplicationByAppId(authz.clientId)]);
  if (form === undefined || tenant === undefined || app === undefined) throw new OAuthError(90023);
  // A single-tenant app is not found in another directory (reached through /common).
  if (!availableIn(app, tenant)) throw new OAuthError(700016, [app.appId, tenant.displayName]);
  const plan = await adminConsentPlan(deps.directory, app, tenant, form);
  // protocol.md §6.1 "Only a tenant admin can complete it"; personal accounts hold no roles.
  if (tenant.kind === 'consumers' || !mayApprove(user.directoryRoles, plan)) throw new OAuthError(90094, [app.displayName]);
  return { tenant, app, plan };
}

export async function showAdminConsent(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest, account: SessionAccount, user: User): Promise<FastifyReply> {
  const { tenant, app, plan } = await decide(deps, authz, user);
  const handle = newHandle('ss');
  const flow: AdminConsentFlow = { kind: 'admin-consent-flow', request: authz, user: { tenantId: account.tenantId, id: user.id } };
  await deps.state.sessions.create(handle, flow as unknown as Record<string, unknown>);
  const form = { action: `${deps.urls.pathPrefix}/${encodeURIComponent(authz.tenantSegment)}/adminconsent`, csrf: csrfFor(deps, browser.handle, handle), flow: handle };
  const chrome = pageChrome(request, deps.urls.pathPrefix, { formActionOrigins: [authz.redirectUri] });
  return sendPage(reply, adminConsentPage({ form, username: user.userPrincipalName, organization: tenant.displayName, app: { name: app.displayName }, permissions: labels(plan) }, chrome));
}

/** `POST /{tenant}/adminconsent`: Accept or Cancel of the page. */
export async function adminConsentDecision(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, form: Record<string, string>): Promise<FastifyReply> {
  const handle = form.flow;
  if (typeof handle !== 'string' || !/^ss1\.[A-Za-z0-9_-]{43}$/.test(handle)) throw new OAuthError(90023);
  const flow = (await deps.state.sessions.get(handle))?.data as Partial<AdminConsentFlow> | undefined;
  if (flow?.kind !== 'admin-consent-flow' || flow.request === undefined || flow.user === undefined) throw new OAuthError(90023);
  request.authorizeTarget = flow.request;
  const browser = await currentBrowserSession(request, deps);
  if (browser === undefined || !verifyCsrfToken(deps.secrets.csrf, { sessionId: browser.handle, purpose: `adminconsent:${handle}` }, form.csrf)) {
    throw new OAuthError(90023, [], { cause: 'CSRF token missing or not valid for this browser session and admin consent' });
  }
  const signedIn = browser.session.accounts.some((a) => a.tenantId === flow.user?.tenantId && a.userId === flow.user.id);
  const user = signedIn ? await deps.directory.getUser(flow.user.tenantId, flow.user.id) : undefined;
  if (user === undefined || !user.accountEnabled) throw new OAuthError(90023);
  // Recomputed, not taken from the form: the administrator approves what the request asks for.
  const { tenant, app, plan } = await decide(deps, flow.request, user);
  const authz = flow.request;
  const v2 = authz.adminConsent?.form === 'v2';
  // Single use: a second POST of the same page finds no flow.
  await deps.state.sessions.end(handle);
  if (form.decision !== 'accept') {
    // ENTRA-COMPAT: §14.4 "Declining → access_denied (AADSTS65004)"; older docs (§6.1) show
    // `permission_denied`, §6.2 shows `consent_required` for a denied grant. One code for both forms.
    const error = errorParameters(request, deps, new OAuthError(65004));
    const head: Array<readonly [string, string]> = v2 ? [['admin_consent', 'True'], ['tenant', tenant.id]] : [];
    return reply.redirect(redirectLocation(authz.redirectUri, 'query', [...head, ...error, ...stateOf(authz)]), 302);
  }
  await approve(deps.directory, tenant.id, app, plan);
  // protocol.md §6.1 (scenario 001's order) and §6.2.
  const parameters: Array<readonly [string, string]> = v2
    ? [['admin_consent', 'True'], ['tenant', tenant.id], ['scope', scopeEcho(authz)], ...stateOf(authz)]
    : [['tenant', tenant.id], ...stateOf(authz), ['admin_consent', 'True']];
  return reply.redirect(redirectLocation(authz.redirectUri, 'query', parameters), 302);
}

function stateOf(authz: AuthorizeRequest): Array<readonly [string, string]> {
  return authz.state === undefined ? [] : [['state', authz.state]];
}

function scopeEcho(authz: AuthorizeRequest): string {
  return authz.adminConsent?.form === 'v2' ? authz.adminConsent.scope.split(' ').filter((s) => s !== '').join(' ') : '';
}

function csrfFor(deps: AppDeps, sessionId: string, handle: string): string {
  return createCsrfToken(deps.secrets.csrf, { sessionId, purpose: `adminconsent:${handle}` });
}

function labels(plan: readonly PlannedResource[]): AdminConsentPermission[] {
  return plan.flatMap((p) => [
    ...p.oidc.map((o) => ({ ...(OIDC_LABELS[o] ?? { displayName: o, description: o }), resource: p.displayName, kind: 'Delegated' as const })),
    ...p.scopes.map((s) => ({ displayName: s.adminConsentDisplayName || s.value, description: s.adminConsentDescription, resource: p.displayName, kind: 'Delegated' as const })),
    ...p.roles.map((r) => ({ displayName: r.displayName || r.value, description: r.description, resource: p.displayName, kind: 'Application' as const })),
  ]);
}
