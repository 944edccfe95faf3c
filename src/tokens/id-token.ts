/**
 * Minting ID tokens (tokens.md §2, §9). v2 ID tokens: RS256, header without `x5t`. v1 ID
 * tokens: RS256 with `x5t` from `/authorize`; from the v1 `/token` endpoint every documented
 * Entra sample is unsigned — `{"typ":"JWT","alg":"none"}` and an empty signature segment
 * (tokens.md §9.2, protocol.md §9.2) — and tokens.md §12 asks for a switch, so the caller says.
 *
 * Who accepts `alg: none`: msal (msal-common `extractTokenClaims`) only decodes the payload and
 * its token regex allows an empty signature, so it takes either; openid-client 6
 * (oauth4webapi) checks `alg` against the discovery document's
 * `id_token_signing_alg_values_supported` (`["RS256"]`) and refuses an unsigned token
 * ("unexpected JWT "alg" header parameter"). ADAL-era v1 clients expect the unsigned form.
 */
import { encodeBase64urlText } from '../lib/base64url.js';
import type { MintedToken } from './access-token.js';
import { buildIdTokenClaims, type IdTokenClaimsInput } from './claims/id-token.js';
import type { KeyStore } from './keys/keystore.js';

export interface IdTokenSigning {
  /**
   * Unsigned `alg: none` (v1 `/token` only, tokens.md §9.2). Ignored for v2: v2 ID tokens are
   * always signed.
   */
  unsigned?: boolean;
}

/** Builds and signs (or, for v1 `/token` when asked, leaves unsigned) an ID token. */
export async function mintIdToken(keys: KeyStore, input: IdTokenClaimsInput, signing: IdTokenSigning = {}): Promise<MintedToken> {
  const claims = buildIdTokenClaims(input);
  if (input.version === 1 && signing.unsigned === true) return { token: unsignedJwt(claims), claims };
  // tokens.md §2: `x5t` in v1 ID tokens, absent in v2.
  const token = await keys.signJwt(claims, { x5t: input.version === 1 });
  return { token, claims };
}

/** RFC 7519 §6.1 unsecured JWT: `header.payload.` with an empty signature. */
function unsignedJwt(claims: Record<string, unknown>): string {
  return `${encodeBase64urlText(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${encodeBase64urlText(JSON.stringify(claims))}.`;
}
