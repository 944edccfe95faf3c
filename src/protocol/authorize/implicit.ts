/**
 * Tokens straight from `/authorize` (protocol.md §3.2, §3.4): `token` → `access_token`,
 * `token_type`, `expires_in`, `scope`; `id_token` → an ID token with the request's `nonce`,
 * `c_hash` beside a code (hybrid) and `at_hash` beside an access token (tokens.md §9.1).
 * Only reached when the app enables them (authorize/request.ts).
 */
import type { Tenant, User } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import { parseDelegatedScope, tokenScopeEcho } from '../delegated-scopes.js';
import { OAuthError } from '../errors.js';
import { mintUserAccessToken, mintUserIdToken, type MintContext } from '../grants/authorization-code/mint.js';
import { redemptionScope } from '../grants/authorization-code/scope.js';
import type { AuthorizationCodeData } from './code-data.js';
import type { AuthorizeRequest } from './request.js';

export async function frontChannelTokens(deps: AppDeps, base: string, authz: AuthorizeRequest, data: AuthorizationCodeData, user: User, code: string | undefined): Promise<Array<readonly [string, string]>> {
  const wantsToken = authz.responseTypes.includes('token');
  const wantsIdToken = authz.responseTypes.includes('id_token');
  if (!wantsToken && !wantsIdToken) return [];
  const [tenant, app] = await Promise.all([deps.directory.getTenant(data.userTenantId), deps.directory.getApplicationByAppId(authz.clientId)]);
  if (tenant === undefined || app === undefined) throw new OAuthError(700016, [authz.clientId, data.userTenantId]);
  const m: MintContext = {
    deps,
    base,
    tenant: tenant as Tenant,
    user,
    signIn: { methods: data.amr, authTime: data.authTime, sessionId: data.sid, ipAddress: data.ipAddress },
    client: { appId: app.appId, authClass: '0', application: app },
    frontChannel: true,
  };
  const out: Array<readonly [string, string]> = [];
  let accessToken: string | undefined;
  if (wantsToken) {
    const scope = await redemptionScope(deps, {}, authz.endpointVersion, data, m.tenant, app.appId, user.id);
    const access = await mintUserAccessToken(m, scope);
    accessToken = access.token;
    out.push(['access_token', access.token], ['token_type', 'Bearer'], ['expires_in', String(access.times.expiresIn)], ['scope', tokenScopeEcho(scope.resource, scope.grantedValues, scope.oidc)]);
  }
  if (wantsIdToken) {
    const issuedWith = { ...(code !== undefined ? { code } : {}), ...(accessToken !== undefined ? { accessToken } : {}) };
    const idToken = await mintUserIdToken(m, { version: authz.endpointVersion === 'v2' ? 2 : 1, oidc: parseDelegatedScope(authz.scope).oidc, nonce: authz.nonce, maxAgeRequested: authz.maxAge !== undefined, issuedWith });
    out.push(['id_token', idToken]);
  }
  return out;
}
