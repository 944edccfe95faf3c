/**
 * The URLs of an application registration (protocol.md §15.2, §15.4): redirect URIs per platform
 * and the web links (`web.logoutUrl`, `web.homePageUrl`). Pure: the one validator behind every
 * way an app is registered (environment files, the CLI, `createApplication`, later Graph
 * writes); each problem carries the property path it is about (`web.redirectUris[2]`).
 */

/** The platforms of an application's redirect URIs (protocol.md §15.3). */
export type RedirectPlatform = 'web' | 'spa' | 'publicClient';

/** protocol.md §15.4: at most 256 characters per URI. */
export const MAX_REDIRECT_URI_LENGTH = 256;
/** protocol.md §15.4: at most 256 URIs per app, 100 when personal accounts may sign in. */
export const MAX_REDIRECT_URIS = 256;
export const MAX_REDIRECT_URIS_MSA = 100;
/** Link URLs (`logoutUrl`, `homePageUrl`): no documented limit; a bound well above real values. */
export const MAX_LINK_URL_LENGTH = 2048;

/** Native clients' well-known redirect URI (protocol.md §15.2 publicClient). */
export const NATIVE_CLIENT_REDIRECT_URI = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

/**
 * Query parameters the authorization and admin-consent responses write (protocol.md §3.4, §3.5,
 * §9; RFC 9207 `iss`). A redirect URI that already carries one breaks the client's parsing of the
 * response (two `code` values, a `state` that is not the one sent), so it is refused. Compared
 * case-insensitively: ASP.NET Core reads query parameters without regard to case.
 */
export const RESERVED_REDIRECT_PARAMETERS: ReadonlySet<string> = new Set([
  'code', 'state', 'iss', 'id_token', 'access_token', 'token_type', 'expires_in', 'scope', 'session_state', 'client_info',
  'error', 'error_description', 'error_uri', 'error_codes', 'suberror', 'trace_id', 'correlation_id', 'timestamp', 'claims',
  'admin_consent', 'tenant', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host',
]);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
// protocol.md §15.4: "Characters ! $ ' ( ) , ; not supported".
const UNSUPPORTED_CHARACTERS = /[!$'(),;]/;
// Schemes a browser would run or read locally instead of navigating to an app.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'filesystem:', 'view-source:']);
const CUSTOM_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// The URL parser silently drops tabs and newlines and trims spaces and C0 controls, which is how
// `java\tscript:` passes a naive scheme check; a value that parses is refused if it holds any.
// eslint-disable-next-line no-control-regex
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * The problem with registering `uri` on `platform`, or null. `allowQuery` is false for apps that
 * personal accounts may sign in to (protocol.md §15.4: query strings only for Entra-only apps).
 */
export function redirectUriProblem(uri: string, platform: RedirectPlatform, options: { allowQuery?: boolean } = {}): string | null {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `must be at most ${MAX_REDIRECT_URI_LENGTH} characters`;
  // ENTRA-COMPAT: Entra accepts wildcards for Entra-only web apps (not recommended); we accept none.
  if (uri.includes('*')) return 'must not contain wildcards (*)';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return platform === 'publicClient' ? 'must be an absolute URI' : 'must be an absolute https URI';
  }
  if (WHITESPACE_OR_CONTROL.test(uri)) return 'must not contain spaces or control characters';
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `must not use the ${url.protocol} scheme`;
  if (url.hash !== '' || uri.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)';
  if (UNSUPPORTED_CHARACTERS.test(uri)) return "must not contain any of ! $ ' ( ) , ;";
  if (url.username !== '' || url.password !== '') return 'must not contain user credentials';
  if (url.search !== '' && options.allowQuery === false) return 'must not contain a query string in an app that personal accounts can use';
  const reserved = [...url.searchParams.keys()].find((key) => RESERVED_REDIRECT_PARAMETERS.has(key.toLowerCase()));
  if (reserved !== undefined) return `must not carry the query parameter '${reserved}': the authorization response adds it`;
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (url.hostname === '[::1]') return 'must not use [::1]; use http://localhost or http://127.0.0.1';
    if (LOOPBACK_HOSTS.has(url.hostname)) return null;
    return 'must be an absolute https URI (http only for http://localhost and http://127.0.0.1)';
  }
  // Native apps register custom schemes such as msal{appId}://auth (protocol.md §15.2).
  if (platform === 'publicClient') return CUSTOM_SCHEME.test(uri) ? null : 'must be an absolute URI of the form scheme://…';
  return 'must be an absolute https URI';
}

/**
 * The problem with a link URL a page or a browser follows (`web.logoutUrl`, `web.homePageUrl`),
 * or null: an absolute http(s) URL, so `javascript:`, `data:` and the like never become links.
 * `logoutUrl` must be https except on loopback (protocol.md §15.2: "https; https://localhost ok").
 */
export function linkUrlProblem(value: string, kind: 'logoutUrl' | 'homePageUrl'): string | null {
  if (value.length > MAX_LINK_URL_LENGTH) return `must be at most ${MAX_LINK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute https URL';
  }
  if (WHITESPACE_OR_CONTROL.test(value)) return 'must not contain spaces or control characters';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must not use the ${url.protocol} scheme; use an https URL`;
  if (url.username !== '' || url.password !== '') return 'must not contain user credentials';
  if (url.protocol === 'http:' && kind === 'logoutUrl' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return 'must be an https URL (http only for http://localhost and http://127.0.0.1)';
  }
  return null;
}

/** The URL-bearing part of an application as given to a registration. */
export interface ApplicationUrlsInput {
  signInAudience?: string | null;
  web?: { redirectUris?: readonly string[]; homePageUrl?: string | null; logoutUrl?: string | null } | null;
  spa?: { redirectUris?: readonly string[] } | null;
  publicClient?: { redirectUris?: readonly string[] } | null;
}

/** One refused value: its property path from the application (`['web', 'redirectUris', 2]`). */
export interface ApplicationUrlIssue {
  path: Array<string | number>;
  message: string;
}

/** Do personal Microsoft accounts sign in to apps of this audience? (protocol.md §15.2) */
export function allowsPersonalAccounts(audience: string | null | undefined): boolean {
  return audience === 'AzureADandPersonalMicrosoftAccount' || audience === 'PersonalMicrosoftAccount';
}

/** Every problem with the application's redirect URIs and links; empty when it may be registered. */
export function applicationUrlIssues(app: ApplicationUrlsInput): ApplicationUrlIssue[] {
  const msa = allowsPersonalAccounts(app.signInAudience);
  const issues: ApplicationUrlIssue[] = [];
  let total = 0;
  for (const platform of ['web', 'spa', 'publicClient'] as const) {
    const uris = app[platform]?.redirectUris ?? [];
    total += uris.length;
    uris.forEach((uri, index) => {
      const message = redirectUriProblem(uri, platform, { allowQuery: !msa });
      if (message !== null) issues.push({ path: [platform, 'redirectUris', index], message });
    });
  }
  const max = msa ? MAX_REDIRECT_URIS_MSA : MAX_REDIRECT_URIS;
  if (total > max) issues.push({ path: ['web', 'redirectUris'], message: `an application may have at most ${max} redirect URIs` });
  for (const kind of ['logoutUrl', 'homePageUrl'] as const) {
    const value = app.web?.[kind];
    const message = value === undefined || value === null ? null : linkUrlProblem(value, kind);
    if (message !== null) issues.push({ path: ['web', kind], message });
  }
  return issues;
}

/** `['web', 'redirectUris', 2]` → `web.redirectUris[2]`. */
export function formatUrlIssuePath(path: ReadonlyArray<string | number>): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
