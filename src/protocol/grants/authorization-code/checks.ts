/**
 * The checks of a code redemption (protocol.md §5.1, §4.3), in Entra's order, each a small pure
 * function over the stored code and the request.
 */
import { createHash } from 'node:crypto';
import type { AuthorizationCode, ConsumeCodeResult } from '../../../state/index.js';
import type { TenantContext } from '../../tenant-context.js';
import type { AuthorizationCodeData } from '../../authorize/code-data.js';
import { readCodeData } from '../../authorize/code-data.js';
import { OAuthError } from '../../errors.js';

/** AADSTS70000 unknown, 70008 expired, 54005 replayed (the store revoked the family). */
export function redeemable(result: ConsumeCodeResult): { code: AuthorizationCode; data: AuthorizationCodeData } {
  if (result.status === 'unknown') throw new OAuthError(70000);
  if (result.status === 'expired') throw new OAuthError(70008);
  if (result.status === 'replayed') throw new OAuthError(54005);
  const data = readCodeData(result.code.data);
  if (data === undefined) throw new OAuthError(70000, [], { cause: 'authorization code without readable data' });
  return { code: result.code, data };
}

/**
 * protocol.md §4.3: codes of `spa` redirect URIs only cross-origin (AADSTS9002327), cross-origin
 * only for `spa` codes (AADSTS9002326), and cross-origin needs PKCE (AADSTS9002325).
 */
export function checkOrigin(origin: string | undefined, code: AuthorizationCode, data: AuthorizationCodeData): void {
  const crossOrigin = origin !== undefined && origin !== '';
  if (crossOrigin && data.platform !== 'spa') throw new OAuthError(9002326, [origin.slice(0, 200)]);
  if (!crossOrigin && data.platform === 'spa') throw new OAuthError(9002327);
  if (crossOrigin && code.codeChallenge === null) throw new OAuthError(9002325);
}

/** protocol.md §2.2: redeemed on the tenant (or alias) it was issued on, else AADSTS700005. */
export function checkTenant(tenant: TenantContext, code: AuthorizationCode, data: AuthorizationCodeData): void {
  const here = tenant.tenant?.id ?? tenant.alias;
  if (code.tenantId === here) return;
  // Issued on common/organizations: the user's own tenant GUID may redeem it too [I].
  const issuedOnAlias = code.tenantId === 'common' || code.tenantId === 'organizations';
  if (issuedOnAlias && tenant.tenant !== null && tenant.tenant.id === data.userTenantId) return;
  throw new OAuthError(700005);
}

/** RFC 6749 §4.1.3: the same redirect_uri as at /authorize (AADSTS500112). */
export function checkRedirectUri(sent: string | undefined, code: AuthorizationCode): void {
  if (sent === undefined || sent === '') throw new OAuthError(900144, ['redirect_uri']);
  if (sent !== code.redirectUri) throw new OAuthError(500112, [sent.slice(0, 300), code.redirectUri]);
}

/**
 * RFC 7636 §4.6: the verifier must match the challenge (AADSTS501481). A verifier for a code
 * issued without a challenge is refused as well (RFC 9700 §2.1.1, PKCE downgrade).
 */
export function checkPkce(verifier: string | undefined, code: AuthorizationCode): void {
  if (code.codeChallenge === null) {
    if (verifier !== undefined) throw new OAuthError(501481);
    return;
  }
  if (verifier === undefined || verifier === '') throw new OAuthError(900144, ['code_verifier']);
  const derived = code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  if (derived !== code.codeChallenge) throw new OAuthError(501481);
}
