/**
 * Registration rules of environment files: identifier URIs here (protocol.md §15.2); redirect
 * URIs and links live in `directory/application-urls.ts`. Pure: each function returns the
 * problem as a message, or null when the value may be registered.
 */

// The redirect-URI and link rules are the directory's (one validator for every entry point).
export {
  MAX_REDIRECT_URI_LENGTH,
  MAX_REDIRECT_URIS,
  MAX_REDIRECT_URIS_MSA,
  NATIVE_CLIENT_REDIRECT_URI,
  redirectUriProblem,
  type RedirectPlatform,
} from '../directory/application-urls.js';

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
