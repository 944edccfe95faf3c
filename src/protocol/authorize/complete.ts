/**
 * The end of an interactive (or silent) `/authorize`: an authenticated account of the browser
 * session meets the request — consent is checked (page, or `consent_required` for
 * `prompt=none`), then the code is issued and delivered (protocol.md §3.4, §14.4).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import { newFamilyId, newHandle, type SessionAccount } from '../../state/index.js';
import { encodeClientInfo } from '../../tokens/client-info.js';
import { OAuthError } from '../errors.js';
import { showAdminConsent } from '../admin-consent/step.js';
import type { AuthorizationCodeData } from './code-data.js';
import { requireAssignment } from './assignment.js';
import { consentNeed, forcesConsent } from './consent.js';
import { deliver, type ResponseParameters } from './deliver.js';
import { frontChannelTokens } from './implicit.js';
import type { BrowserSession } from './flow.js';
import { showStep } from './pages.js';
import type { AuthorizeRequest } from './request.js';

export async function completeSignIn(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest, account: SessionAccount, user: User): Promise<FastifyReply> {
  if (!user.accountEnabled) throw new OAuthError(50057);
  if (authz.adminConsent !== undefined) return showAdminConsent(request, reply, deps, browser, authz, account, user);
  const app = await deps.directory.getApplicationByAppId(authz.clientId);
  const tenant = await deps.directory.getTenant(account.tenantId);
  if (app === undefined || tenant === undefined) throw new OAuthError(700016, [authz.clientId, account.tenantId]);
  await requireAssignment(deps.directory, tenant.id, app.appId, user);
  const need = await consentNeed(deps.directory, authz, app, tenant.id, tenant.displayName, user, forcesConsent(authz));
  if (need.missing.length > 0) {
    if (authz.prompt === 'none') throw new OAuthError(65001, [app.appId, app.displayName], { allowRedirect: true });
    const flow = { request: authz, user: { tenantId: tenant.id, id: user.id, username: user.userPrincipalName } };
    // protocol.md §14.3: what only an admin may grant (Admin scopes, the tenant's user-consent
    // setting) → the "Need admin approval" page; its button delivers AADSTS90094 to the app.
    if (need.adminRequired) return showStep(request, reply, deps, browser, flow, { step: 'approval', permissions: need.permissions });
    return showStep(request, reply, deps, browser, flow, { step: 'consent', permissions: need.permissions, offerOrganizationConsent: need.isAdmin, organizationOnly: need.organizationOnly });
  }
  return issueCode(request, reply, deps, browser, authz, account, user);
}

/**
 * Stores the code (10 min, single use) when `code` was asked, mints front-channel tokens when
 * `id_token` / `token` were, and sends them with `client_info` and `session_state`.
 */
export async function issueCode(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest, account: SessionAccount, user: User, extra: ResponseParameters = []): Promise<FastifyReply> {
  const code = authz.responseTypes.includes('code') ? newHandle('ac') : undefined;
  const data: AuthorizationCodeData = {
    v: 1,
    scope: authz.scope,
    resource: authz.resource,
    nonce: authz.nonce ?? null,
    authTime: Math.floor(account.authTime.getTime() / 1000),
    amr: account.amr,
    sid: account.sid,
    platform: authz.platform,
    endpointVersion: authz.endpointVersion,
    userTenantId: account.tenantId,
    maxAgeRequested: authz.maxAge !== undefined,
    ipAddress: request.ip ?? null,
  };
  if (code !== undefined) await deps.state.codes.put(code, {
    tenantId: authz.tenantId ?? (authz.alias as string),
    clientId: authz.clientId,
    userId: user.id,
    redirectUri: authz.redirectUri,
    codeChallenge: authz.codeChallenge,
    codeChallengeMethod: authz.codeChallengeMethod,
    familyId: newFamilyId(),
    data: data as unknown as Record<string, unknown>,
  });
  await deps.state.sessions.addClient(browser.handle, account.tenantId, user.id, authz.clientId);
  const parameters: Array<readonly [string, string]> = code === undefined ? [] : [['code', code]];
  parameters.push(...(await frontChannelTokens(deps, deps.urls.baseFor(request), authz, data, user, code)));
  if (authz.clientInfo) parameters.push(['client_info', encodeClientInfo({ homeObjectId: user.id, homeTenantId: account.tenantId })]);
  parameters.push(['session_state', account.sid], ...extra);
  if (authz.instanceAware) parameters.push(...instanceParameters(deps.urls.baseFor(request), deps.urls.originFor(request)));
  return deliver(request, reply, deps, authz, parameters);
}

/**
 * protocol.md §3.4: with `instance_aware=true` MSAL learns which cloud the account lives in. Our
 * cloud is this server: the STS host (as discovery's `cloud_instance_name`) and Graph's host.
 */
function instanceParameters(base: string, graphOrigin: string): Array<readonly [string, string]> {
  const sts = new URL(base);
  const graph = new URL(graphOrigin).host;
  return [
    ['cloud_instance_name', sts.hostname],
    ['cloud_instance_host_name', sts.host],
    ['cloud_graph_host_name', sts.hostname],
    ['msgraph_host', graph],
  ];
}
