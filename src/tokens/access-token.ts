/**
 * Signing an access token (tokens.md §2): v1 tokens carry `x5t` (= `kid`) in the header, v2
 * tokens do not; Microsoft Graph tokens add a random header `nonce` (tokens.md §5 option (a):
 * signed as emitted, so standard JWS validation still works). RS256 in `keys.signJwt`, which
 * runs the RSA operation off the event loop (design.md Performance).
 */
import { GRAPH_APP_ID } from '../directory/graph-catalog.js';
import type { KeyStore } from './keys/keystore.js';
import { newGraphNonce } from './claims/handles.js';

export interface AccessTokenSigning {
  /** Token shape (tokens.md §3). */
  version: 1 | 2;
  /** The resource's appId: Microsoft Graph gets the `nonce` header member. */
  resourceAppId: string;
}

/** Signs `claims` as an access token for the resource described by `signing`. */
export function signAccessToken(keys: KeyStore, claims: Record<string, unknown>, signing: AccessTokenSigning): Promise<string> {
  const headerExtra = signing.resourceAppId === GRAPH_APP_ID ? { nonce: newGraphNonce() } : undefined;
  return keys.signJwt(claims, { x5t: signing.version === 1, headerExtra });
}
