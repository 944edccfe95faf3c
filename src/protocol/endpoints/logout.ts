/**
 * `GET|POST /{tenant}/oauth2/v2.0/logout` and v1 `/{tenant}/oauth2/logout` (protocol.md §7;
 * OpenID Connect RP-Initiated Logout 1.0; Front-Channel Logout 1.0). A front-channel endpoint:
 * it answers a browser, so every error is the HTML error page, never JSON.
 *
 * Steps, in order: read the parameters (query, or form for POST); read the SSO session cookie;
 * end the account `logout_hint` names (the `login_hint` ID-token claim), else every account, and
 * clear the cookie when none remains; pick where to go: `post_logout_redirect_uri` only when it
 * exactly matches a redirect URI registered on the app of `client_id` (without `client_id`: on an
 * app that took part in the session) — never an open redirect; otherwise the signed-out page.
 * Apps of the ended accounts with a front-channel `web.logoutUrl` are loaded in hidden iframes
 * with `iss` and `sid` (Front-Channel Logout §2).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailable } from '../../directory/errors.js';
import type { Application } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import { requestIdsFor } from '../../server/request-ids.js';
import { noteAadsts } from '../../server/request-log.js';
import { resolveTenantContext } from '../tenant-context.js';
import type { SessionAccount } from '../../state/types.js';
import { decodeLoginHintClaim } from '../../tokens/claims/login-hint.js';
import { clearSessionCookie, parseCookies, sessionCookieName } from '../../web/cookies.js';
import { errorPage } from '../../web/pages/error.js';
import { signedOutPage } from '../../web/pages/signed-out.js';
import { pageChrome, sendPage } from '../../web/render.js';
import { OAuthError } from '../errors.js';
import { issuerV2 } from '../issuers.js';

interface LogoutParams {
  postLogoutRedirectUri?: string;
  state?: string;
  logoutHint?: string;
  clientId?: string;
}

function logoutParams(request: FastifyRequest): LogoutParams {
  const source = (request.method === 'POST' ? request.body : request.query) as Record<string, unknown> | undefined;
  const one = (name: string) => {
    const value = source?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return { postLogoutRedirectUri: one('post_logout_redirect_uri'), state: one('state'), logoutHint: one('logout_hint'), clientId: one('client_id') };
}

const registeredRedirectUris = (app: Application) => [...app.web.redirectUris, ...app.spa.redirectUris, ...app.publicClient.redirectUris];

/** A front-channel logout URL with `iss` and `sid` (Front-Channel Logout §2); null for non-http(s). */
function frontChannelUrl(logoutUrl: string, iss: string, sid: string): string | null {
  let url: URL;
  try {
    url = new URL(logoutUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.searchParams.append('iss', iss);
  url.searchParams.append('sid', sid);
  return url.toString();
}

export function logoutEndpoint(deps: AppDeps) {
  const secure = deps.tls !== null;
  const cookieName = sessionCookieName({ secure });
  const cookieOptions = { secure, pathPrefix: deps.urls.pathPrefix };

  async function logout(request: FastifyRequest, reply: FastifyReply) {
    const { tenant } = request.params as { tenant: string };
    await resolveTenantContext(tenant, deps.directory, 'invalid_request');
    const params = logoutParams(request);
    const base = deps.urls.baseFor(request);

    // 1. The session and the accounts this logout ends.
    const handle = parseCookies(request.headers.cookie).get(cookieName);
    const session = handle ? await deps.state.sessions.get(handle) : undefined;
    let ended: SessionAccount[] = [];
    if (handle && session) {
      const hinted = params.logoutHint ? decodeLoginHintClaim(params.logoutHint) : null;
      const account = hinted && session.accounts.find((a) => a.tenantId === hinted.tenantId && a.userId === hinted.objectId);
      if (account && session.accounts.length > 1) {
        await deps.state.sessions.removeAccount(handle, account.tenantId, account.userId);
        ended = [account];
      } else {
        // No hint, a hint naming nobody here, or the last account: the whole session ends.
        await deps.state.sessions.end(handle);
        ended = session.accounts;
      }
    }
    if (handle && (!session || ended.length === session.accounts.length)) reply.header('set-cookie', clearSessionCookie(cookieOptions));

    // 2. Where to go: only a URI registered on the named app, or on an app of this session.
    const participants = new Set((session?.accounts ?? []).flatMap((a) => a.clientIds));
    const candidates = params.clientId !== undefined ? [params.clientId] : [...participants];
    let redirect: string | undefined;
    if (params.postLogoutRedirectUri !== undefined) {
      for (const appId of candidates) {
        const app = await deps.directory.getApplicationByAppId(appId);
        if (app && registeredRedirectUris(app).includes(params.postLogoutRedirectUri)) {
          redirect = params.postLogoutRedirectUri;
          break;
        }
      }
    }
    if (redirect !== undefined && params.state !== undefined) {
      const url = new URL(redirect);
      url.searchParams.append('state', params.state);
      redirect = url.toString();
    }

    // 3. Front-channel logout of the apps of the ended accounts.
    const frontChannel: string[] = [];
    for (const account of ended) {
      for (const appId of account.clientIds) {
        const logoutUrl = (await deps.directory.getApplicationByAppId(appId))?.web.logoutUrl;
        const url = logoutUrl ? frontChannelUrl(logoutUrl, issuerV2(base, account.tenantId), account.sid) : null;
        if (url !== null) frontChannel.push(url);
      }
    }
    const isHttp = redirect !== undefined && /^https?:/i.test(redirect);
    if (redirect !== undefined && (frontChannel.length === 0 || !isHttp)) return reply.redirect(redirect, 302);

    const username = ended.length === 1 ? (await deps.directory.getUser(ended[0]!.tenantId, ended[0]!.userId))?.userPrincipalName : undefined;
    const chrome = pageChrome(request, deps.urls.pathPrefix, { frameOrigins: frontChannel });
    return sendPage(reply, signedOutPage({ ...(username ? { username } : {}), frontChannelUrls: frontChannel, ...(redirect ? { continueHref: redirect } : {}) }, chrome));
  }

  return async function logoutFrontChannel(request: FastifyRequest, reply: FastifyReply) {
    try {
      return await logout(request, reply);
    } catch (error) {
      // Front channel: the error page, whatever went wrong (protocol.md §3.5 before a redirect is trusted).
      const known = error instanceof OAuthError ? error : new OAuthError(isUnavailable(error) ? 90006 : 90000, [], { cause: error });
      if (!(error instanceof OAuthError)) request.log.error({ err: error }, 'logout failed');
      const ids = requestIdsFor(request);
      noteAadsts(request, known.aadsts);
      const model = { status: known.status, code: known.aadsts, message: known.message, requestId: ids.traceId, correlationId: ids.correlationId, timestamp: deps.now().toISOString().replace(/\.\d{3}Z$/, 'Z') };
      return sendPage(reply, errorPage(model, pageChrome(request, deps.urls.pathPrefix)));
    }
  };
}
