/**
 * `grant_type=authorization_code` (protocol.md §5.1, §4.1, §4.3; RFC 6749 §4.1.3): redeem a code
 * from `/authorize` for a delegated access token, an ID token (`openid`), a refresh token
 * (`offline_access`, into the code's family) and `client_info` (`client_info=1`).
 */
import type { User } from '../../directory/types.js';
import { newHandle, type AuthorizationCode } from '../../state/index.js';
import type { SignInFacts } from '../../tokens/claims/delegated.js';
import type { AuthorizationCodeData } from '../authorize/code-data.js';
import { authenticateClient, type AuthenticatedClient } from '../client-auth/index.js';
import { requireAssignment } from '../authorize/assignment.js';
import { OAuthError } from '../errors.js';
import { checkOrigin, checkPkce, checkRedirectUri, checkTenant, redeemable } from './authorization-code/checks.js';
import { redemptionScope } from './authorization-code/scope.js';
import { refreshTokenData } from './refresh-token/data.js';
import type { Grant, TokenRequestContext } from './types.js';
import { userTokenResponse } from './user-tokens.js';

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
    // protocol.md §12.4 (50105 on both surfaces): an assignment removed since the sign-in.
    await requireAssignment(ctx.deps.directory, tenant.id, client.clientId, user);
    const scope = await redemptionScope(ctx.deps, ctx.params, ctx.endpointVersion, data, tenant, client.clientId, user.id);
    const signIn: SignInFacts = { methods: data.amr, authTime: data.authTime, sessionId: data.sid, ipAddress: data.ipAddress };
    const wantsRefreshToken = scope.originalOidc.has('offline_access') || data.endpointVersion === 'v1';
    const response = await userTokenResponse(ctx, {
      client, tenant, user, signIn, scope,
      signInVersion: data.endpointVersion,
      nonce: data.nonce ?? undefined,
      maxAgeRequested: data.maxAgeRequested,
      v1Resource: data.resource,
      ...(wantsRefreshToken ? { refreshToken: () => refreshTokenFor(ctx, client, user, code, data) } : {}),
    });
    // protocol.md §4.3 [I]: the token response answers the SPA's origin.
    if (data.platform === 'spa' && origin) ctx.responseHeaders['access-control-allow-origin'] = origin;
    return response;
  },
};

/** Into the code's family: a replay of the code meanwhile has revoked it → AADSTS54005. */
async function refreshTokenFor(ctx: TokenRequestContext, client: AuthenticatedClient, user: User, code: AuthorizationCode, data: AuthorizationCodeData): Promise<string> {
  const handle = newHandle('rt');
  const issued = await ctx.deps.state.refreshTokens.issue(handle, {
    familyId: code.familyId,
    tenantId: data.userTenantId,
    userId: user.id,
    clientId: client.clientId,
    reuseDetection: data.platform !== 'web',
    spa: data.platform === 'spa',
    data: { ...refreshTokenData(data) },
  });
  if (issued.status !== 'ok') throw new OAuthError(54005);
  return handle;
}
