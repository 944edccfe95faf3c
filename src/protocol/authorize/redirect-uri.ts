/**
 * Redirect-URI matching (protocol.md §15.4, §3.1; RFC 9700 §4.1.3 exact matching). Pure.
 *
 * - Exact string comparison of the URI as sent with the URI as registered: scheme, host, port,
 *   path (case-sensitive), query. No normalization: `%2e%2e/`, a trailing `/`, another case or an
 *   extra query are different URIs (AADSTS50011).
 * - The one equivalence: a URI without a path equals the same URI with `/` (§3.3: Entra returns
 *   path-less URIs with a trailing `/`).
 * - Loopback for native apps (RFC 8252 §7.3, protocol.md §15.4): a `publicClient` URI on
 *   `http://localhost` or `http://127.0.0.1` matches a request on any port, the rest exact.
 *   Web and SPA URIs keep their port.
 * - Never: userinfo (`user@host`), a fragment, control characters or whitespace.
 */
export type RedirectPlatform = 'web' | 'spa' | 'publicClient';

export interface RegisteredRedirectUris {
  web: readonly string[];
  spa: readonly string[];
  publicClient: readonly string[];
}

export interface RedirectMatch {
  platform: RedirectPlatform;
  /** The URI as the client sent it (responses go there: the loopback port is the client's). */
  redirectUri: string;
}

const PLATFORMS: readonly RedirectPlatform[] = ['web', 'spa', 'publicClient'];
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(?::(\d{1,5}))?(\/[^#]*|\?[^#]*)?$/;

/** The registration the request's URI matches, or null (→ AADSTS50011). */
export function matchRedirectUri(requested: string, registered: RegisteredRedirectUris): RedirectMatch | null {
  if (!acceptableShape(requested)) return null;
  for (const platform of PLATFORMS) {
    for (const uri of registered[platform]) {
      if (sameUri(requested, uri) || (platform === 'publicClient' && sameLoopback(requested, uri))) return { platform, redirectUri: requested };
    }
  }
  return null;
}

/** protocol.md §3.1: without `redirect_uri` Entra picks a registered one; we take the first. */
export function defaultRedirectUri(registered: RegisteredRedirectUris): RedirectMatch | null {
  for (const platform of PLATFORMS) {
    const first = registered[platform][0];
    if (first !== undefined) return { platform, redirectUri: first };
  }
  return null;
}

function acceptableShape(uri: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (uri.length === 0 || uri.length > 2048 || /[\u0000-\u0020\u007f#\\]/.test(uri)) return false;
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  return parsed.username === '' && parsed.password === '' && !/^[a-z][a-z0-9+.-]*:\/\/[^/?]*@/i.test(uri);
}

function sameUri(a: string, b: string): boolean {
  return a === b || withRootPath(a) === withRootPath(b);
}

/** `https://host` and `https://host/` are one URI; `https://host?x` gains `/` before the query. */
function withRootPath(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(\?.*)?$/i.exec(uri);
  return m ? `${m[1]}/${m[2] ?? ''}` : uri;
}

function sameLoopback(requested: string, registeredUri: string): boolean {
  const r = LOOPBACK.exec(requested);
  const g = LOOPBACK.exec(registeredUri);
  if (!r || !g) return false;
  if (r[2] !== undefined && Number(r[2]) > 65535) return false;
  return r[1] === g[1] && normalizedRest(r[3]) === normalizedRest(g[3]);
}

function normalizedRest(rest: string | undefined): string {
  if (rest === undefined || rest === '') return '/';
  return rest.startsWith('?') ? `/${rest}` : rest;
}
