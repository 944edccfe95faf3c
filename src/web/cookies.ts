/**
 * The browser-session cookie (design.md Security: `Secure; HttpOnly; SameSite`), without a
 * dependency: parse a `Cookie` header, serialize `Set-Cookie`, clear.
 *
 * Decisions:
 * - `SameSite=None`. ENTRA-COMPAT: Entra's ESTSAUTH cookies are `SameSite=None` because MSAL.js
 *   renews tokens silently by loading /authorize?prompt=none in a hidden iframe inside the app's
 *   page — a cross-site subresource request, where a `Lax` (or `Strict`) cookie is not sent and
 *   every silent renewal would answer `login_required`. (form_post is not the reason: that POST goes
 *   to the app, not to us.) What `Lax` would have given us — no cookie on cross-site POSTs — is
 *   provided by the CSRF token on every form (web/csrf.ts) and by `frame-ancestors 'none'`.
 * - The `__Host-` prefix (RFC 6265bis §4.1.3.2): the browser accepts the cookie only with
 *   `Secure`, `Path=/` and no `Domain`, so neither a sibling subdomain nor an http:// page can set
 *   or shadow it (session fixation). It forces `Path=/` even when the public URL has a path
 *   prefix (`https://host/tessera`): the cookie is then sent to the whole host. That costs nothing
 *   real — paths are no security boundary within an origin — and the prefix's guarantees are worth
 *   more than a narrower path.
 * - `HttpOnly`: no page script may read it (we have none; an XSS would have some).
 * - Without TLS (`--http`, development only) there is no `Secure`; browsers then refuse both
 *   `SameSite=None` and the `__Host-` prefix, so the cookie is `tessera_session`,
 *   `SameSite=Lax`, `Path=<prefix>/` — silent renewal in an iframe will not work there.
 * - No `Partitioned` (CHIPS): a partitioned cookie in an app's iframe would be a jar of its own,
 *   never the session the user signed into at top level, so it would not help silent renewal.
 */

export interface SessionCookieOptions {
  /** Served over HTTPS (the only supported deployment behind a real host name)? */
  secure: boolean;
  /** The public URL's path prefix (`''` or `/prefix`), used only without TLS. */
  pathPrefix?: string;
  /** Persistent cookie ("Keep me signed in"): lifetime in seconds. Absent: a browser-session cookie. */
  maxAgeSeconds?: number;
}

export const SECURE_SESSION_COOKIE = '__Host-tessera_session';
export const INSECURE_SESSION_COOKIE = 'tessera_session';

/** The cookie's name under these options (read it with `parseCookies(header).get(name)`). */
export function sessionCookieName(options: Pick<SessionCookieOptions, 'secure'>): string {
  return options.secure ? SECURE_SESSION_COOKIE : INSECURE_SESSION_COOKIE;
}

/** RFC 6265 §4.1.1 `cookie-octet`; our values are base64url handles, always inside it. */
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** The `Set-Cookie` value that stores `value` as the session cookie. */
export function sessionCookie(value: string, options: SessionCookieOptions): string {
  if (!COOKIE_VALUE.test(value)) throw new Error('session cookie value outside RFC 6265 cookie-octet');
  const parts = [`${sessionCookieName(options)}=${value}`];
  if (options.secure) parts.push('Path=/', 'Secure', 'HttpOnly', 'SameSite=None');
  else parts.push(`Path=${options.pathPrefix || ''}/`, 'HttpOnly', 'SameSite=Lax');
  if (options.maxAgeSeconds !== undefined) {
    const seconds = Math.max(0, Math.floor(options.maxAgeSeconds));
    parts.push(`Max-Age=${seconds}`);
  }
  return parts.join('; ');
}

/** The `Set-Cookie` value that removes the session cookie (same name, path and flags; RFC 6265 §3.1). */
export function clearSessionCookie(options: Omit<SessionCookieOptions, 'maxAgeSeconds'>): string {
  return `${sessionCookie('', { ...options, maxAgeSeconds: 0 })}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/**
 * Cookies of a `Cookie` request header (RFC 6265 §5.4: `name=value` pairs separated by `; `).
 * The first pair of a name wins (the browser sends the most specific path first); pairs without
 * `=` are ignored; values are not percent-decoded (ours are base64url); surrounding quotes of a
 * quoted value are kept, as RFC 6265 §4.1.1 makes them part of the value.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return cookies;
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    cookies.set(name, pair.slice(eq + 1).trim());
  }
  return cookies;
}
