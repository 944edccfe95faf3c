/**
 * Claim order of every token we mint: `aud, iss, iat, nbf, exp` first, as Entra's tokens show
 * them (tokens.md §4.2 examples), then the rest alphabetically, so a token's JSON is stable and
 * easy to compare in tests and in a token inspector.
 */
import type { TokenTimes } from '../lifetime.js';

export function registeredClaimsFirst(audience: string, issuer: string, times: Pick<TokenTimes, 'iat' | 'nbf' | 'exp'>, rest: Record<string, unknown>): Record<string, unknown> {
  const claims: Record<string, unknown> = { aud: audience, iss: issuer, iat: times.iat, nbf: times.nbf, exp: times.exp };
  for (const name of Object.keys(rest).sort()) claims[name] = rest[name];
  return claims;
}
