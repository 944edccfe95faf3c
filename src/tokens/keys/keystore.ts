/**
 * The signing-key contract (shared/style.md convention 11): sign, publish, rotate. The
 * database-backed implementation lives in `database-keystore.ts`; the interface leaves room for
 * a KMS/HSM later.
 */

/** One JWKS entry as Entra publishes it (protocol.md §8.3). */
export interface SigningJwk {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  /** Standard base64 DER certificate chain (one self-signed certificate). */
  x5c: string[];
  /** v2 JWKS only: `{publicUrl}/{tenantid}/v2.0` template. Added by the keys endpoint. */
  issuer?: string;
}

export interface SigningKeyInfo {
  kid: string;
  status: 'next' | 'active' | 'retired';
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  retireUntil: string | null;
  notAfter: string;
}

export interface KeyStore {
  /**
   * Sign a JWT with the active key: RS256, header `{typ:"JWT", alg:"RS256", [x5t,] kid, ...extra}`.
   * Runs the RSA operation off the event loop (libuv thread pool; design.md Performance).
   * `x5t` is included when `options.x5t` is true (v1 tokens, protocol.md/tokens.md §2).
   */
  signJwt(payload: Record<string, unknown>, options?: { x5t?: boolean; headerExtra?: Record<string, unknown> }): Promise<string>;
  /** Every published key (next, active, retired-but-not-expired), without `issuer`. */
  jwks(): Promise<SigningJwk[]>;
  list(): Promise<SigningKeyInfo[]>;
  /**
   * Rotate with overlap: the `next` key becomes active, the active key retires and stays
   * published until every token it signed has expired, and a new `next` key is created so the
   * following key is published before it signs.
   */
  rotate(): Promise<SigningKeyInfo[]>;
  /** Make sure an active and a next key exist (first start). */
  ensureKeys(): Promise<void>;
  /** Drop cached keys (another node rotated). */
  invalidate(): void;
}
