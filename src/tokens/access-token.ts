/**
 * Signing an access token (tokens.md §2): v1 tokens carry `x5t` (= `kid`) in the header, v2
 * tokens do not; Microsoft Graph tokens add a random header `nonce` (tokens.md §5 option (a):
 * signed as emitted, so standard JWS validation still works). RS256 in `keys.signJwt`, which
 * runs the RSA operation off the event loop (design.md Performance).
 */
import { GRAPH_APP_ID } from '../directory/graph-catalog.js';
import type { KeyStore } from './keys/keystore.js';
import { newGraphNonce } from './claims/handles.js';
import { buildDelegatedClaims, type DelegatedClaimsInput } from './claims/delegated.js';

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

/** A minted token and the claims it carries (for `at_hash`, logs and the response). */
export interface MintedToken {
  token: string;
  claims: Record<string, unknown>;
}

/**
 * Builds and signs a delegated access token (tokens.md §4): the grant only assembles
 * {@link DelegatedClaimsInput}. `resourceAppId` picks the Graph `nonce` header as above.
 */
export async function mintDelegatedAccessToken(keys: KeyStore, input: DelegatedClaimsInput, resourceAppId: string): Promise<MintedToken> {
  const claims = buildDelegatedClaims(input);
  const token = await signAccessToken(keys, claims, { version: input.version, resourceAppId });
  return { token, claims };
}
