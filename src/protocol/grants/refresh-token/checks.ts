/**
 * The checks of a refresh-token redemption (protocol.md §5.2, §4.3; tokens.md §10.2), each a
 * small pure function over the stored token and the request.
 */
import type { RefreshToken, RotateResult } from '../../../state/index.js';
import { OAuthError } from '../../errors.js';
import { readRefreshTokenData, type RefreshTokenData } from './data.js';

/** Unknown, unreadable, or issued to another client: `invalid_grant` AADSTS70000 (§5.2). */
export function presented(token: RefreshToken | undefined, clientId: string | undefined): { token: RefreshToken; data: RefreshTokenData } {
  if (token === undefined) throw new OAuthError(70000);
  if (clientId !== undefined && clientId.toLowerCase() !== token.family.clientId.toLowerCase()) throw new OAuthError(70000);
  const data = readRefreshTokenData(token.data);
  if (data === undefined) throw new OAuthError(70000, [], { cause: 'refresh token without readable data' });
  return { token, data };
}

/** protocol.md §4.3: SPA refresh tokens only cross-origin (AADSTS9002327); cross-origin only SPA ones (AADSTS9002326). */
export function checkOrigin(origin: string | undefined, data: RefreshTokenData): void {
  const crossOrigin = origin !== undefined && origin !== '';
  if (crossOrigin && data.platform !== 'spa') throw new OAuthError(9002326, [origin.slice(0, 200)]);
  if (!crossOrigin && data.platform === 'spa') throw new OAuthError(9002327);
}

/**
 * Before anything is decided from it: a revoked family (AADSTS50173), the SPA 24 h cap
 * (AADSTS700084), 90 days without use (AADSTS700082). `rotate` checks the same atomically.
 */
export function checkAlive(token: RefreshToken, now: Date): void {
  const { family } = token;
  if (family.revokedAt !== null) throw new OAuthError(50173);
  if (family.absoluteExpiresAt !== null && family.absoluteExpiresAt <= now) throw new OAuthError(700084);
  if (token.expiresAt <= now) throw new OAuthError(700082);
}

/** The outcome of `rotate` as the wire sees it. */
export function rotated(result: RotateResult): RefreshToken {
  switch (result.status) {
    case 'ok': return result.token;
    case 'unknown':
    case 'wrongClient': throw new OAuthError(70000);
    case 'expired': throw new OAuthError(result.reason === 'absolute' ? 700084 : 700082);
    // DEVIATION (RFC 9700 §4.14.2): a public client's replaced token revoked the family just now.
    case 'reused': throw new OAuthError(50173, [], { cause: `refresh-token reuse revoked family ${result.familyId}` });
    case 'revoked': throw new OAuthError(50173);
  }
}
