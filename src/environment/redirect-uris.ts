/**
 * Redirect-URI registration rules per platform (protocol.md §15.4). Pure: each function returns
 * the problem as a message, or null when the URI may be registered.
 */

/** The platforms of an application's redirect URIs (protocol.md §15.3). */
export type RedirectPlatform = 'web' | 'spa' | 'publicClient';

/** protocol.md §15.4: at most 256 characters per URI. */
export const MAX_REDIRECT_URI_LENGTH = 256;
/** protocol.md §15.4: at most 256 URIs per app, 100 when personal accounts may sign in. */
export const MAX_REDIRECT_URIS = 256;
export const MAX_REDIRECT_URIS_MSA = 100;

/** Native clients' well-known redirect URI (protocol.md §15.2 publicClient). */
export const NATIVE_CLIENT_REDIRECT_URI = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
// protocol.md §15.4: "Characters ! $ ' ( ) , ; not supported".
const UNSUPPORTED_CHARACTERS = /[!$'(),;]/;
// Schemes a browser would run or read locally instead of navigating to an app.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:']);
const CUSTOM_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

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
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `must not use the ${url.protocol} scheme`;
  if (url.hash !== '' || uri.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)';
  if (UNSUPPORTED_CHARACTERS.test(uri)) return "must not contain any of ! $ ' ( ) , ;";
  if (url.username !== '' || url.password !== '') return 'must not contain user credentials';
  if (url.search !== '' && options.allowQuery === false) return 'must not contain a query string in an app that personal accounts can use';
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

/** protocol.md §15.2 identifierUris: absolute, no wildcards; stricter for MSA-enabled apps. */
export function identifierUriProblem(uri: string, options: { msa: boolean }): string | null {
  if (uri.includes('*')) return 'must not contain wildcards (*)';
  let url: URL;
  try {
    url = new URL(uri.replace('{appId}', '00000000-0000-0000-0000-000000000000'));
  } catch {
    return 'must be an absolute URI such as api://{appId} or https://contoso.com/api';
  }
  if (url.hash !== '') return 'must not contain a fragment';
  if (options.msa) {
    if (url.protocol === 'urn:') return 'must not be a urn: in an app that personal accounts can use';
    if (url.search !== '') return 'must not contain a query string in an app that personal accounts can use';
    if (uri.length > 120) return 'must be at most 120 characters in an app that personal accounts can use';
  }
  return null;
}
