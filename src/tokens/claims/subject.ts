/**
 * Pairwise `sub` (tokens.md §6): unique per (user, tenant, token recipient), stable forever, and
 * not computable by anyone who only sees tokens. The recipient is the client for an ID token
 * and the resource for an access token (tokens.md §6, §11: `sub:pairwise(user,A)` in the AT,
 * `sub:pairwise(user,C)` in the ID token).
 *
 * `sub = base64url(HMAC-SHA256(K, tid ‖ oid ‖ recipientAppId))`, 43 characters like Entra's.
 * Why a keyed HMAC and not a plain hash: `tid`, `oid` and appIds all appear in tokens, so
 * SHA-256 of them could be recomputed by any app, which could then link one user's `sub`
 * across apps — the thing pairwise identifiers exist to prevent. The key is the caller's: it
 * must be secret, identical on every node and never change (a new key re-identifies every
 * user to every app). Keep one random 32-byte value in the database (sealed with the master
 * key when one is set) and derive the per-tenant key with {@link pairwiseTenantKey}.
 */
import { createHmac } from 'node:crypto';
import { encodeBase64url, utf8 } from '../../lib/base64url.js';
import { CONSUMERS_TENANT_ID } from '../../directory/graph-catalog.js';

export interface PairwiseSubjectInput {
  /** Tenant the token is issued in (`tid`). */
  tenantId: string;
  /** The user's object id in that tenant (`oid`). */
  userObjectId: string;
  /** appId of the recipient: the client (ID token) or the resource (access token). */
  recipientAppId: string;
}

/** Bytes of the HMAC output kept (SHA-256: 32 → 43 base64url characters). */
const SUBJECT_BYTES = 32;

/**
 * The per-tenant key `K_tenant` of tokens.md §6, from the deployment's secret: HMAC(secret,
 * "tessera pairwise sub v1" ‖ tid). Per-tenant keys let a tenant's subjects be reasoned about
 * (exported, re-keyed) alone without touching the others.
 */
export function pairwiseTenantKey(secret: Uint8Array, tenantId: string): Uint8Array {
  if (secret.length < 16) throw new RangeError('pairwise subject secret must be at least 16 bytes');
  return hmac(secret, `tessera pairwise sub v1\n${tenantId.toLowerCase()}`);
}

/** The pairwise `sub` of a user for one recipient app (tokens.md §6). */
export function pairwiseSubject(tenantKey: Uint8Array, input: PairwiseSubjectInput): string {
  // GUIDs compare case-insensitively: lower-case them so spellings cannot split one subject.
  // `\n` separates the fields (it occurs in none), so no two inputs share a message.
  const message = [input.tenantId, input.userObjectId, input.recipientAppId].map((v) => v.toLowerCase()).join('\n');
  const digest = hmac(tenantKey, message).subarray(0, SUBJECT_BYTES);
  if (input.tenantId.toLowerCase() === CONSUMERS_TENANT_ID) {
    // ENTRA-COMPAT: personal-account subjects start with zero bytes
    // (`AAAAAAAAAAAAAAAAAAAAAIkz…`, tokens.md §6 [O]): 16 zero bytes, then 16 bytes of the HMAC.
    const msa = new Uint8Array(SUBJECT_BYTES);
    msa.set(digest.subarray(0, 16), 16);
    return encodeBase64url(msa);
  }
  return encodeBase64url(digest);
}

function hmac(key: Uint8Array, message: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(utf8(message)).digest());
}
