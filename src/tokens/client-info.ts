/**
 * `client_info` (tokens.md §10.4, protocol.md §12.3): base64url, no padding, of
 * `{"uid":"<oid in the home tenant>","utid":"<home tenant id>"}`. MSAL builds
 * `homeAccountId = uid.utid` from it and fails (`client_info_empty_error` /
 * `client_info_decoding_error`) without it, so user-flow responses carry it whenever the request
 * had `client_info=1`.
 */
import { encodeBase64urlText } from '../lib/base64url.js';

export interface HomeAccount {
  /** The user's object id in the home tenant. For personal accounts: the MSA object id. */
  homeObjectId: string;
  /**
   * The home tenant: for a guest, the tenant the account comes from, not the resource tenant
   * (`tid`, tokens.md §10.4 [I]); for personal accounts the consumers tenant
   * `9188040d-6c67-4c5b-b112-36a304b66dad` (protocol.md §12.3).
   */
  homeTenantId: string;
}

/** protocol.md §12.3: only the exact value `1` asks for it (MSAL always sends `client_info=1`). */
export function clientInfoRequested(value: string | undefined): boolean {
  return value === '1';
}

/** The `client_info` value for a response. */
export function encodeClientInfo(account: HomeAccount): string {
  // Key order as Entra's (uid, then utid); GUIDs in their canonical lower case.
  return encodeBase64urlText(JSON.stringify({ uid: account.homeObjectId.toLowerCase(), utid: account.homeTenantId.toLowerCase() }));
}
