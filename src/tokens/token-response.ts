/**
 * The access-token part of a token response (protocol.md §11): v2 numbers are JSON numbers; v1
 * numbers are strings and the response adds `expires_on`, `not_before` and `resource`
 * (protocol.md §9.2, §11.2). Grants add their own fields (`scope`, `refresh_token`, …).
 */
import type { TokenTimes } from './lifetime.js';

export type TokenResponseBody = Record<string, string | number>;

/** v2 (`/oauth2/v2.0/token`): `{token_type, expires_in, ext_expires_in, access_token}`. */
export function v2AccessTokenResponse(accessToken: string, times: TokenTimes): TokenResponseBody {
  // protocol.md §11.1: `ext_expires_in` commonly equals `expires_in`.
  return { token_type: 'Bearer', expires_in: times.expiresIn, ext_expires_in: times.expiresIn, access_token: accessToken };
}

/**
 * v1 (`/oauth2/token`): strings throughout, `expires_on` = `exp`, `not_before` = `nbf` (back-dated,
 * so `expires_on − not_before` = lifetime + 300 as observed), `resource` echoing exactly what the
 * client sent (protocol.md §9.2).
 */
export function v1AccessTokenResponse(accessToken: string, times: TokenTimes, resource: string): TokenResponseBody {
  return {
    token_type: 'Bearer',
    expires_in: String(times.expiresIn),
    ext_expires_in: String(times.expiresIn),
    expires_on: String(times.exp),
    not_before: String(times.nbf),
    resource,
    access_token: accessToken,
  };
}
