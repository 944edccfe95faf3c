/**
 * CSRF tokens bound to the browser session (shared/style.md convention 16; design.md Security).
 *
 * Threat: another site makes the victim's browser POST one of our forms — accept a consent
 * for the attacker's app, pick an account, or sign the victim in as the attacker (login CSRF).
 * Our session cookie is `SameSite=None` (web/cookies.ts: silent renewal in a cross-site iframe
 * needs it), so the browser attaches it to such a POST; the cookie alone proves nothing.
 * The token does: it is HMAC-SHA256(server secret, purpose, session id), which a cross-site page
 * can neither read (same-origin policy; pages are `no-store` and not frameable) nor compute
 * (no secret). Binding to the session stops a token harvested in the attacker's own session from
 * working in the victim's; binding to the purpose stops a token of one form (the username page)
 * from being replayed against another (consent). Put the flow's transaction id in the purpose
 * (`consent:<flow>`) to bind a token to one flow as well.
 *
 * Not covered: an attacker who can run script on our origin (XSS — the escaping in web/html.ts
 * and the CSP are the defence), or who holds the session cookie itself.
 *
 * Stateless: nothing is stored; the token lives as long as the session id it is bound to. The
 * secret is the caller's (AppDeps): it must be the same on every node sharing a database, and
 * rotating it invalidates forms that are open in browsers (they fail with a fresh page, not an
 * unsafe accept).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** At least 256 bits (RFC 2104 §3: a key shorter than the hash output weakens the MAC). */
const MIN_SECRET_BYTES = 32;

export interface CsrfBinding {
  /** The id of the browser session (pre-authentication sessions included). */
  sessionId: string;
  /** What the form does, e.g. `'sign-in'`, `'consent:<flow>'`. */
  purpose: string;
}

/** The token to put in the form's hidden `csrf` field (base64url, 43 characters). */
export function createCsrfToken(secret: Uint8Array, binding: CsrfBinding): string {
  return mac(secret, binding).toString('base64url');
}

/** Constant-time check of a submitted token against the session and purpose of this request. */
export function verifyCsrfToken(secret: Uint8Array, binding: CsrfBinding, token: unknown): boolean {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  // Compare the encoded forms: two base64url strings may decode to the same bytes.
  const expected = Buffer.from(mac(secret, binding).toString('base64url'), 'ascii');
  return timingSafeEqual(Buffer.from(token, 'ascii'), expected);
}

function mac(secret: Uint8Array, { sessionId, purpose }: CsrfBinding): Buffer {
  if (secret.byteLength < MIN_SECRET_BYTES) throw new Error(`CSRF secret must be at least ${MIN_SECRET_BYTES} bytes`);
  if (sessionId === '') throw new Error('CSRF token needs a session id');
  // Length-prefixed fields: ("ab", "c") and ("a", "bc") must not give the same MAC.
  const purposeBytes = Buffer.from(purpose, 'utf8');
  const sessionBytes = Buffer.from(sessionId, 'utf8');
  const length = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  return createHmac('sha256', secret)
    .update('tessera-csrf-v1\0')
    .update(length(purposeBytes.length)).update(purposeBytes)
    .update(length(sessionBytes.length)).update(sessionBytes)
    .digest();
}
