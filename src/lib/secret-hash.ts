/**
 * Client secrets at rest (design.md Data). Two stored forms, told apart by their first character:
 *
 * - generated secrets (40 random characters, ~240 bits): base64url(SHA-256(secret)). Guessing
 *   such a secret from its digest is as hard as guessing the secret, so a fast hash is enough.
 * - user-supplied values (environment files, `secretText`): a person chose them and they may be
 *   short or reused, so they get a salted, memory-hard hash, as passwords do:
 *   `$scrypt$ln=14,r=8,p=1$<salt>$<hash>`. A base64url digest never starts with `$`.
 *
 * Successful verifications of the slow form are remembered for a few seconds (see
 * {@link verifySecretHash}) so the client-credentials hot path pays the KDF once, not per request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { scryptHash, scryptVerify, type ScryptParams } from './passwords.js';

// N = 2^14, r = 8 (16 MiB): measured ≈ 40–47 ms per derivation on the 2-core development
// machine (Node 20, libuv thread pool), against ≈ 80–100 ms for the password cost (2^15). A
// leaked database then costs an attacker ~10^5 times more per guess than SHA-256, while a
// first token request (or a wrong secret) pays tens of milliseconds, off the event loop.
const SECRET_KDF: ScryptParams = { ln: 14, r: 8, p: 1 };
const KDF_PREFIX = '$scrypt$';

// Successful slow verifications, remembered while in use and for a few idle seconds (like the
// directory cache, design.md Performance); the expiry slides on each hit, so a busy client
// never sees its entry lapse and a burst re-derive at once. Never failures: each distinct wrong
// guess pays the KDF. This memoizes a pure function of (presented, stored) — a changed or
// deleted secret has another stored hash or none — so it needs no invalidation.
const VERIFIED_TTL_MS = 5_000;
const VERIFIED_MAX_ENTRIES = 1_024;
const verified = new Map<string, number>();
// Derivations in progress: concurrent requests with the same secret share one.
const pending = new Map<string, Promise<boolean>>();

/** base64url(SHA-256(secret)): the stored form of a generated (high-entropy) secret. */
export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** The salted scrypt form of a user-supplied secret value. */
export function hashSuppliedSecret(secret: string): Promise<string> {
  return scryptHash(secret, SECRET_KDF);
}

/** True when `stored` is the slow (scrypt) form rather than a SHA-256 digest. */
export function isSlowSecretHash(stored: string): boolean {
  return stored.startsWith(KDF_PREFIX);
}

/**
 * Constant-time check of `presented` against either stored form. `keyId` (the credential's)
 * is part of the memo key, so a remembered success applies to that one credential row only.
 */
export async function verifySecretHash(presented: string, stored: string, keyId = ''): Promise<boolean> {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  if (!isSlowSecretHash(stored)) {
    // Both sides are fixed-size digests: neither the comparison nor the length check leaks.
    const expected = Buffer.from(stored, 'base64url');
    return expected.length === digest.length && timingSafeEqual(digest, expected);
  }
  const memo = `${digest.toString('base64url')}\u0000${keyId}\u0000${stored}`;
  const until = verified.get(memo);
  if (until !== undefined && until > performance.now()) {
    remember(memo);
    return true;
  }
  if (until !== undefined) verified.delete(memo);
  const inFlight = pending.get(memo);
  if (inFlight !== undefined) return inFlight;
  const check = scryptVerify(presented, stored)
    .then((ok) => {
      if (ok) remember(memo);
      return ok;
    })
    .finally(() => pending.delete(memo));
  pending.set(memo, check);
  return check;
}

function remember(memo: string): void {
  verified.delete(memo);
  verified.set(memo, performance.now() + VERIFIED_TTL_MS);
  // Map keeps insertion order: the first entries are the oldest.
  while (verified.size > VERIFIED_MAX_ENTRIES) {
    const oldest = verified.keys().next().value;
    if (oldest === undefined) break;
    verified.delete(oldest);
  }
}
