/**
 * What `/authorize` learned and the token endpoint needs when the code is redeemed
 * (tokens.md §10.1): stored as the code's `data` (deps.state.codes), JSON only.
 */
import type { RedirectPlatform } from './redirect-uri.js';

export interface AuthorizationCodeData {
  /** Format of this record. */
  v: 1;
  /** The `scope` parameter of `/authorize` as sent (v1: the static `openid {resource}/.default`). */
  scope: string;
  /** v1 `resource` as sent; null on v2. */
  resource: string | null;
  /** The `nonce` as sent; null when none was (the ID token then has no `nonce`). */
  nonce: string | null;
  /** Unix seconds of the authentication (`auth_time`). */
  authTime: number;
  /** e.g. ['pwd'] or ['pwd', 'mfa']. */
  amr: string[];
  /** The SSO session account's `sid`. */
  sid: string;
  /** Platform of the redirect URI: decides confidential / public / SPA at redemption (§4.1, §4.3). */
  platform: RedirectPlatform;
  endpointVersion: 'v1' | 'v2';
  /** The directory tenant of the user: tokens are issued there (`tid`). */
  userTenantId: string;
  /** Was `max_age` sent (the ID token then carries `auth_time`)? */
  maxAgeRequested: boolean;
  /** Client address at sign-in (`ipaddr`). */
  ipAddress: string | null;
}

export function readCodeData(data: Readonly<Record<string, unknown>>): AuthorizationCodeData | undefined {
  return data.v === 1 && typeof data.scope === 'string' && typeof data.userTenantId === 'string' ? (data as unknown as AuthorizationCodeData) : undefined;
}
