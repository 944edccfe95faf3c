/**
 * The token response body (protocol.md §11): v2 numbers are JSON numbers; v1 numbers are
 * strings and the response adds `expires_on`, `not_before` and `resource` (protocol.md §9.2,
 * §11.2). App-only responses (client credentials) carry only the access token; user flows add
 * `scope`, `refresh_token`, `id_token` and `client_info` through {@link UserTokenParts}.
 */
import type { TokenTimes } from './lifetime.js';

export type TokenResponseBody = Record<string, string | number>;

/** What a user-flow response carries besides the access token (spec/clients.md item 13). */
export interface UserTokenParts {
  /** protocol.md §10.6: `tokenScopeEcho(…)`. */
  scope: string;
  /** Only with `offline_access` on v2; always for v1 user flows (tokens.md §10.2). */
  refreshToken?: string;
  /** Only when `openid` was asked (protocol.md §5.1); v1 `/token`: possibly unsigned. */
  idToken?: string;
  /** Only when the request had `client_info=1` (protocol.md §12.3). */
  clientInfo?: string;
}

/**
 * v2 (`/oauth2/v2.0/token`): `{token_type, expires_in, ext_expires_in, access_token}`; user flows
 * `{token_type, scope, expires_in, ext_expires_in, access_token, refresh_token?, id_token?,
 * client_info?}` in the order of Entra's sample (protocol.md §5.1).
 */
export function v2AccessTokenResponse(accessToken: string, times: TokenTimes, user?: UserTokenParts): TokenResponseBody {
  return {
    token_type: 'Bearer',
    ...(user ? { scope: user.scope } : {}),
    // protocol.md §11.1: `ext_expires_in` commonly equals `expires_in`.
    expires_in: times.expiresIn,
    ext_expires_in: times.expiresIn,
    access_token: accessToken,
    ...userTail(user),
  };
}

/**
 * v1 (`/oauth2/token`): strings throughout, `expires_on` = `exp`, `not_before` = `nbf` (back-dated,
 * so `expires_on − not_before` = lifetime + 300 as observed), `resource` echoing exactly what the
 * client sent (protocol.md §9.2); user flows add `scope` after `token_type` and the tokens after
 * `access_token`, as in the §9.2 sample.
 */
export function v1AccessTokenResponse(accessToken: string, times: TokenTimes, resource: string, user?: UserTokenParts): TokenResponseBody {
  return {
    token_type: 'Bearer',
    ...(user ? { scope: user.scope } : {}),
    expires_in: String(times.expiresIn),
    ext_expires_in: String(times.expiresIn),
    expires_on: String(times.exp),
    not_before: String(times.nbf),
    resource,
    access_token: accessToken,
    ...userTail(user),
  };
}

function userTail(user: UserTokenParts | undefined): TokenResponseBody {
  const tail: TokenResponseBody = {};
  if (user?.refreshToken !== undefined) tail.refresh_token = user.refreshToken;
  if (user?.idToken !== undefined) tail.id_token = user.idToken;
  if (user?.clientInfo !== undefined) tail.client_info = user.clientInfo;
  return tail;
}
