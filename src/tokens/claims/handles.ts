/**
 * The opaque per-token values every Entra access token carries (tokens.md §4.1): `uti` (token
 * id), `aio` (internal data) and `rh` (revalidation handle). Clients must not interpret them; ours
 * are random and only shaped like Entra's.
 */
import { encodeBase64, encodeBase64url } from '../../lib/base64url.js';

export interface TokenHandles {
  /** 22-character base64url of 16 random bytes, as Entra's `uti` (tokens.md §4.1). */
  uti: string;
  /** Opaque, base64-looking (tokens.md §4.1: "any base64-ish string"). */
  aio: string;
  /** Opaque handle of the observed `0.A….` shape, ending with a dot. */
  rh: string;
}

// The token hot path needs ~100 random bytes per token. Each CSPRNG call is a native crypto job
// competing with the signing threads, so bytes are drawn in 8 KiB batches, as node:crypto's
// randomUUID does (design.md Performance); every byte is handed out once.
const POOL_BYTES = 8192;
let pool = new Uint8Array(0);
let offset = 0;

function randomBytes(length: number): Uint8Array {
  if (offset + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + length);
  offset += length;
  return bytes;
}

/** Fresh random handles for one token. */
export function newTokenHandles(): TokenHandles {
  const bytes = randomBytes(16 + 36 + 24);
  return {
    uti: encodeBase64url(bytes.subarray(0, 16)),
    aio: encodeBase64(bytes.subarray(16, 52)),
    rh: `0.A${encodeBase64url(bytes.subarray(52))}.`,
  };
}

/**
 * A random `nonce` for the JWT header of Microsoft Graph tokens (tokens.md §5, option (a): the
 * header is signed as emitted). 43 base64url characters, as in the 2021 sample.
 */
export function newGraphNonce(): string {
  return encodeBase64url(randomBytes(32));
}
