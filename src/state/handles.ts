/**
 * Handles: the opaque strings the protocol hands out (authorization codes, refresh tokens, SSO
 * session cookies, device codes) and the only form the store keeps of them.
 *
 * Format: `<kind>1.<43 base64url characters>`: a two-letter kind (`ac` code, `rt` refresh token,
 * `ss` session, `dc` device code), a format version, a dot, then 32 random bytes (256 bits,
 * RFC 6749 §10.10 wants codes and tokens unguessable; RFC 9700 §4.14). The prefix is only a label
 * (for logs and secret scanners); clients must treat handles as opaque, as MSAL does with Entra's
 * `1.AQIA…`. All handle characters are URL- and cookie-safe.
 *
 * Stored form: base64url(SHA-256(handle)). A 256-bit random value cannot be recovered from its
 * digest, so a fast hash is enough (as for generated client secrets, lib/secret-hash.ts), and a
 * digest is an exact-match index key.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { newGuid } from '../lib/ids.js';

export type HandleKind = 'ac' | 'rt' | 'ss' | 'dc';

const HANDLE_BYTES = 32;

/** A new random handle of `kind` (see the file comment for the format). */
export function newHandle(kind: HandleKind): string {
  return `${kind}1.${randomBytes(HANDLE_BYTES).toString('base64url')}`;
}

/** The stored form of a handle (or of a normalized user code). */
export function handleDigest(handle: string): string {
  return createHash('sha256').update(handle, 'utf8').digest('base64url');
}

/** A refresh-token family id (a GUID; not a secret, never sent to a client). */
export function newFamilyId(): string {
  return newGuid();
}

// Upper-case letters and digits without the look-alikes 0/O, 1/I/L, 5/S, 2/Z, 8/B: easy to read
// aloud and type (RFC 8628 §6.1). Entra's user codes are 9 upper-case alphanumerics.
const USER_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const USER_CODE_LENGTH = 9;

/**
 * A user code for the device flow: 9 characters (≈ 42 bits). Low entropy by design (a person
 * types it), so it is only as safe as its 15-minute lifetime and the sign-in it needs; RFC 8628
 * §5.1 asks for rate limiting of the entry page.
 */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, in the form that was digested: upper case, separators and spaces dropped. */
export function normalizeUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
