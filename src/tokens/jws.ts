/**
 * Compact JWS signing (RFC 7515 §7.1) for RS256 only (tokens.md §7.2). Verification is jose's
 * job everywhere; this module only builds `header.payload` and signs it.
 */
import { sign, type KeyObject } from 'node:crypto';
import { encodeBase64url, encodeBase64urlText, utf8 } from '../lib/base64url.js';

/** The signing key as the signer needs it: a parsed private KeyObject and its thumbprint id. */
export interface JwsSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Header members the signer owns; callers cannot override them through `headerExtra`. */
const RESERVED_HEADER = new Set(['alg', 'kid', 'x5t', 'crit', 'b64']);

/**
 * Signs `payload` as an RS256 JWT with header `{typ:"JWT", alg:"RS256", [x5t,] kid, ...headerExtra}`
 * (tokens.md §2: Entra's order is `typ, [nonce,] alg, [x5t,] kid`; order is irrelevant to
 * parsers). `x5t` equals `kid` (our kid is the SHA-1 certificate thumbprint) and is added for v1
 * tokens only.
 *
 * Why not jose's SignJWT: design.md Performance measured WebCrypto signing not spreading over
 * cores, and synchronous `crypto.sign` on the event loop pushing p99 past 200 ms. The callback
 * form of `crypto.sign` runs the RSA operation on the libuv thread pool (≈2,700 signs/s on 2
 * cores vs ≈1,430/s sync), so that is what we call. Only the thin, fixed-format part of JWS is
 * built here; nothing is parsed.
 */
export async function signJwt(
  payload: Record<string, unknown>,
  key: JwsSigningKey,
  options: { x5t?: boolean; headerExtra?: Record<string, unknown> } = {},
): Promise<string> {
  const extra = options.headerExtra ?? {};
  for (const name of Object.keys(extra)) {
    if (RESERVED_HEADER.has(name)) throw new TypeError(`JWT header member "${name}" is set by the signer`);
  }
  const header = {
    typ: 'JWT',
    alg: 'RS256',
    ...(options.x5t ? { x5t: key.kid } : {}),
    kid: key.kid,
    ...extra,
  };
  const signingInput = `${encodeBase64urlText(JSON.stringify(header))}.${encodeBase64urlText(JSON.stringify(payload))}`;
  const signature = await signRs256(signingInput, key.privateKey);
  return `${signingInput}.${encodeBase64url(signature)}`;
}

/** RSASSA-PKCS1-v1_5 SHA-256 over the ASCII signing input, on the libuv thread pool. */
export function signRs256(signingInput: string, privateKey: KeyObject): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // The callback form is the point: it dispatches to the thread pool (design.md Performance).
    sign('sha256', utf8(signingInput), privateKey, (err, signature) =>
      err ? reject(err) : resolve(signature),
    );
  });
}
