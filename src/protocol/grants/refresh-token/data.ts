/**
 * What a refresh token remembers of its sign-in (tokens.md §10.2): stored as the token's `data`
 * (deps.state.refreshTokens), JSON only, carried from token to token on rotation. The `scope` of
 * `/authorize` stays the family's: it decides the default resource and the OIDC values.
 */
import type { AuthorizationCodeData } from '../../authorize/code-data.js';

export type RefreshTokenData = Pick<AuthorizationCodeData, 'scope' | 'resource' | 'amr' | 'authTime' | 'sid' | 'platform' | 'endpointVersion' | 'userTenantId' | 'ipAddress'> & { v: 1 };

export function refreshTokenData(code: AuthorizationCodeData): RefreshTokenData {
  const { scope, resource, amr, authTime, sid, platform, endpointVersion, userTenantId, ipAddress } = code;
  return { v: 1, scope, resource, amr, authTime, sid, platform, endpointVersion, userTenantId, ipAddress };
}

export function readRefreshTokenData(data: Readonly<Record<string, unknown>>): RefreshTokenData | undefined {
  if (data.v !== 1 || typeof data.scope !== 'string' || typeof data.userTenantId !== 'string' || typeof data.platform !== 'string') return undefined;
  const d = data as unknown as RefreshTokenData;
  // Tokens issued before `resource` / `ipAddress` were stored.
  return { ...d, resource: d.resource ?? null, ipAddress: d.ipAddress ?? null };
}
