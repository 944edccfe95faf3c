/**
 * Turns stored certificates into JWKS entries (protocol.md §8.3). Parsing happens once per cache
 * load, not per request (design.md Performance).
 */
import { X509Certificate } from 'node:crypto';
import { decodeBase64 } from '../../lib/base64url.js';
import type { SigningKeyRow } from '../../storage/queries/signing-keys.js';
import type { SigningJwk, SigningKeyInfo } from './keystore.js';

/** The JWKS entry for a stored key: `n`/`e` from the certificate's public key, `x5c` = the DER. */
export function toSigningJwk(row: Pick<SigningKeyRow, 'kid' | 'certificate'>): SigningJwk {
  const jwk = new X509Certificate(decodeBase64(row.certificate)).publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new Error(`Signing key ${row.kid} does not hold an RSA certificate`);
  }
  // kid = x5t (tokens.md §7.2); x5c is standard base64, as stored.
  return { kty: 'RSA', use: 'sig', kid: row.kid, x5t: row.kid, n: jwk.n, e: jwk.e, x5c: [row.certificate] };
}

/** A copy callers may extend (the keys endpoint adds `issuer`) without touching the cache. */
export function copyJwk(jwk: SigningJwk): SigningJwk {
  return { ...jwk, x5c: [...jwk.x5c] };
}

/** The admin view of a stored key (no key material). */
export function toSigningKeyInfo(row: SigningKeyRow): SigningKeyInfo {
  const cert = new X509Certificate(decodeBase64(row.certificate));
  return {
    kid: row.kid,
    status: row.status,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
    retireUntil: row.retire_until,
    notAfter: new Date(cert.validTo).toISOString(),
  };
}
