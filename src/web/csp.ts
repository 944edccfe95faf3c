/**
 * The Content-Security-Policy of a page (shared/style.md convention 16). Pages load one
 * same-origin stylesheet and nothing else; the only script any page has is the form_post
 * auto-submit, allowed by a per-request nonce (CSP3 §6.1.1 `'nonce-…'`), never `'unsafe-inline'`.
 * `frame-ancestors 'none'` (no clickjacking of the consent page), `X-Frame-Options`,
 * `Referrer-Policy` and `no-store` are added to every HTML response by
 * server/html-headers.ts, which keeps this policy because it sets its own.
 */
import { randomBytes } from 'node:crypto';

/** A fresh nonce per response: 128 random bits, base64 (CSP3 §2.3 `base64-value`). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PageCspOptions {
  nonce: string;
  /** Does the page carry a nonce'd `<script>` (form_post only)? */
  script?: boolean;
  /**
   * Origins, besides our own, that a form on the page may submit to or be redirected to.
   * CSP3 §6.3.1: `form-action` is also checked on the redirects that follow a form submission,
   * and Chromium enforces it — so a sign-in form whose POST answers `302` to the app's redirect
   * URI (response_mode=query/fragment) must list that URI's origin, as must the form_post page.
   */
  formActionOrigins?: readonly string[];
  /**
   * Origins the page embeds in (hidden) frames: the front-channel logout URLs of the apps of a
   * session that ends (OIDC Front-Channel Logout 1.0 §4). Without it, `default-src 'none'` blocks frames.
   */
  frameOrigins?: readonly string[];
}

/** `style-src 'self'` only: no inline styles; `img-src data:` for inline images in CSS. */
export function pageCsp(options: PageCspOptions): string {
  const formAction = ["'self'", ...new Set((options.formActionOrigins ?? []).map(originOf))].join(' ');
  const directives = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    ...(options.script ? [`script-src 'nonce-${options.nonce}'`] : []),
    ...(options.frameOrigins?.length ? [`frame-src ${[...new Set(options.frameOrigins.map(originOf))].join(' ')}`] : []),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** Schemes that run or embed content: never a form target. */
const REFUSED_SCHEMES = new Set(['javascript:', 'data:', 'blob:', 'filesystem:', 'vbscript:', 'about:']);

/**
 * A redirect URI as a CSP source expression: its origin for http(s), a scheme source
 * (`msauth.com.contoso.app:`) for a native client's custom scheme. Throws for script-bearing
 * schemes and unparsable input: a value that reached a policy unchecked could widen it.
 * The URL parser only lets `[a-z0-9+.-]` into a scheme, so no `;` or quote can be smuggled.
 */
export function originOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.origin;
  if (REFUSED_SCHEMES.has(parsed.protocol)) throw new Error(`refused form-action scheme ${parsed.protocol}`);
  return parsed.protocol;
}
