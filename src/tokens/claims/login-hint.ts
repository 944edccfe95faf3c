/**
 * The `login_hint` optional ID-token claim (tokens.md §9.1, §4.4): an opaque value the client
 * hands back as `login_hint` at `/authorize` or `logout_hint` at `/logout` to name the account
 * without asking the user. Entra's is "opaque base64"; ours is base64url of a small versioned
 * JSON object that only our own endpoints read, so it can be decoded back to the account.
 */
import { decodeBase64urlText, encodeBase64urlText } from '../../lib/base64url.js';

export interface HintedAccount {
  tenantId: string;
  objectId: string;
}

/** The claim value for an account. */
export function encodeLoginHintClaim(account: HintedAccount): string {
  return encodeBase64urlText(JSON.stringify({ v: 1, tid: account.tenantId.toLowerCase(), oid: account.objectId.toLowerCase() }));
}

/** The account a value of {@link encodeLoginHintClaim} names; null for anything else (a UPN hint). */
export function decodeLoginHintClaim(value: string): HintedAccount | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeBase64urlText(value));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { v, tid, oid } = parsed as Record<string, unknown>;
  if (v !== 1 || typeof tid !== 'string' || typeof oid !== 'string') return null;
  return { tenantId: tid, objectId: oid };
}
