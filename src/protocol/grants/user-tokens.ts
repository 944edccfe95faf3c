/**
 * The token response of a user grant (protocol.md §5.1, §5.2, §11), shared by the code redemption
 * and the refresh-token grant: the access token for the one resource of the {@link RedemptionScope},
 * an ID token when asked, the refresh token, `client_info` and the scope echo.
 */
import type { Tenant, User } from '../../directory/types.js';
import type { SignInFacts } from '../../tokens/claims/delegated.js';
import { clientInfoRequested, encodeClientInfo } from '../../tokens/client-info.js';
import { v1AccessTokenResponse, v2AccessTokenResponse } from '../../tokens/token-response.js';
import type { AuthenticatedClient } from '../client-auth/index.js';
import { tokenScopeEcho } from '../delegated-scopes.js';
import { mintUserAccessToken, mintUserIdToken, type MintContext } from './authorization-code/mint.js';
import type { RedemptionScope } from './authorization-code/scope.js';
import type { TokenRequestContext, TokenResponse } from './types.js';

export interface UserTokenGrant {
  client: AuthenticatedClient;
  /** The user's directory tenant: tokens are issued there (`tid`). */
  tenant: Tenant;
  user: User;
  signIn: SignInFacts;
  scope: RedemptionScope;
  /** Endpoint of the original sign-in: v1 sign-ins always get an ID token (§11.2, ADAL). */
  signInVersion: 'v1' | 'v2';
  nonce?: string;
  maxAgeRequested: boolean;
  /** v1: the resource of the `/authorize` request, when the token request names none. */
  v1Resource: string | null;
  /** The refresh token to return, if any (issued by the caller's grant). */
  refreshToken?: () => Promise<string>;
}

export async function userTokenResponse(ctx: TokenRequestContext, g: UserTokenGrant): Promise<TokenResponse> {
  const { tenant, user, scope, client } = g;
  const m: MintContext = { deps: ctx.deps, base: ctx.base, tenant, user, signIn: g.signIn, client: { appId: client.clientId, authClass: client.appidacr, application: client.application } };
  const access = await mintUserAccessToken(m, scope);
  const idToken = scope.originalOidc.has('openid') || g.signInVersion === 'v1'
    ? await mintUserIdToken(m, { version: g.signInVersion === 'v2' ? 2 : 1, oidc: scope.originalOidc, nonce: g.nonce, maxAgeRequested: g.maxAgeRequested })
    : undefined;
  const refreshToken = g.refreshToken === undefined ? undefined : await g.refreshToken();
  const parts = {
    scope: tokenScopeEcho(scope.resource, scope.grantedValues, scope.oidc),
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
    ...(clientInfoRequested(ctx.params.client_info) ? { clientInfo: encodeClientInfo({ homeObjectId: user.id, homeTenantId: user.tenantId }) } : {}),
  };
  if (ctx.endpointVersion === 'v1') return v1AccessTokenResponse(access.token, access.times, ctx.params.resource ?? g.v1Resource ?? scope.resource.resource, parts);
  return v2AccessTokenResponse(access.token, access.times, parts);
}
