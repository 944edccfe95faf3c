/**
 * `grant_type=authorization_code` (protocol.md §5.1, §4.1, §4.3; RFC 6749 §4.1.3): redeem a code
 * from `/authorize` for a delegated access token, an ID token (`openid`), a refresh token
 * (`offline_access`, into the code's family) and `client_info` (`client_info=1`).
 */
import type { Tenant, User } from '../../directory/types.js';
import { newHandle } from '../../state/index.js';
import type { SignInFacts } from '../../tokens/claims/delegated.js';
import { clientInfoRequested, encodeClientInfo } from '../../tokens/client-info.js';
import { v1AccessTokenResponse, v2AccessTokenResponse } from '../../tokens/token-response.js';
import type { AuthorizationCodeData } from '../authorize/code-data.js';
import { authenticateClient, type AuthenticatedClient } from '../client-auth/index.js';
import { tokenScopeEcho } from '../delegated-scopes.js';
import { OAuthError } from '../errors.js';
import { checkOrigin, checkPkce, checkRedirectUri, checkTenant, redeemable } from './authorization-code/checks.js';
import { mintUserAccessToken, mintUserIdToken, type MintContext } from './authorization-code/mint.js';
import { redemptionScope, type RedemptionScope } from './authorization-code/scope.js';
import type { Grant, TokenRequestContext, TokenResponse } from './types.js';

export const authorizationCode: Grant = {
  grantType: ['authorization_code'],
  parameters: ['code'],
  async handle(ctx) {
    const { code, data } = redeemable(await ctx.deps.state.codes.consume(ctx.params.code as string));
    const origin = ctx.request.headers.origin;
    checkOrigin(origin, code, data);
    // protocol.md §4.1: the redirect URI's platform decides: web → confidential, else public.
    const client = await authenticateClient(ctx, data.platform === 'web' ? { confidentialRequired: true } : { confidentialRequired: false, publicClient: true });
    if (client.clientId !== code.clientId) throw new OAuthError(70000);
    checkTenant(ctx.tenant, code, data);
    checkRedirectUri(ctx.params.redirect_uri, code);
    checkPkce(ctx.params.code_verifier, code);
    const [tenant, user] = await Promise.all([ctx.deps.directory.getTenant(data.userTenantId), ctx.deps.directory.getUser(data.userTenantId, code.userId)]);
    if (tenant === undefined || user === undefined) throw new OAuthError(70000);
    if (!user.accountEnabled) throw new OAuthError(50057);
    const scope = await redemptionScope(ctx.deps, ctx.params, ctx.endpointVersion, data, tenant, client.clientId, user.id);
    const response = await issue(ctx, { client, tenant, user, data, scope, familyId: code.familyId });
    // protocol.md §4.3 [I]: the token response answers the SPA's origin.
    if (data.platform === 'spa' && origin) ctx.responseHeaders['access-control-allow-origin'] = origin;
    return response;
  },
};

interface Issue {
  client: AuthenticatedClient;
  tenant: Tenant;
  user: User;
  data: AuthorizationCodeData;
  scope: RedemptionScope;
  familyId: string;
}

async function issue(ctx: TokenRequestContext, i: Issue): Promise<TokenResponse> {
  const { tenant, user, data, scope, client } = i;
  const signIn: SignInFacts = { methods: data.amr, authTime: data.authTime, sessionId: data.sid, ipAddress: data.ipAddress };
  const m: MintContext = { deps: ctx.deps, base: ctx.base, tenant, user, signIn, client: { appId: client.clientId, authClass: client.appidacr, application: client.application } };
  const access = await mintUserAccessToken(m, scope);
  // protocol.md §11.2: v1 code redemptions always carry an ID token (ADAL reads the user from it).
  const idToken = scope.originalOidc.has('openid') || data.endpointVersion === 'v1'
    ? await mintUserIdToken(m, { version: data.endpointVersion === 'v2' ? 2 : 1, oidc: scope.originalOidc, nonce: data.nonce ?? undefined, maxAgeRequested: data.maxAgeRequested })
    : undefined;
  const refreshToken = scope.originalOidc.has('offline_access') || data.endpointVersion === 'v1' ? await refreshTokenFor(ctx, i) : undefined;
  const parts = {
    scope: tokenScopeEcho(scope.resource, scope.grantedValues, scope.oidc),
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
    ...(clientInfoRequested(ctx.params.client_info) ? { clientInfo: encodeClientInfo({ homeObjectId: user.id, homeTenantId: user.tenantId }) } : {}),
  };
  if (ctx.endpointVersion === 'v1') return v1AccessTokenResponse(access.token, access.times, ctx.params.resource ?? data.resource ?? scope.resource.resource, parts);
  return v2AccessTokenResponse(access.token, access.times, parts);
}

/** Into the code's family: a replay of the code meanwhile has revoked it → AADSTS54005. */
async function refreshTokenFor(ctx: TokenRequestContext, i: Issue): Promise<string> {
  const handle = newHandle('rt');
  const issued = await ctx.deps.state.refreshTokens.issue(handle, {
    familyId: i.familyId,
    tenantId: i.tenant.id,
    userId: i.user.id,
    clientId: i.client.clientId,
    reuseDetection: i.data.platform !== 'web',
    spa: i.data.platform === 'spa',
    data: { v: 1, scope: i.data.scope, amr: i.data.amr, authTime: i.data.authTime, sid: i.data.sid, platform: i.data.platform, endpointVersion: i.data.endpointVersion, userTenantId: i.data.userTenantId },
  });
  if (issued.status !== 'ok') throw new OAuthError(54005);
  return handle;
}
