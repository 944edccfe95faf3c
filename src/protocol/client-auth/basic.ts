/**
 * HTTP Basic client credentials (`client_secret_basic`, RFC 6749 §2.3.1; protocol.md §4.1).
 * Pure parsing: the id and secret are form-urlencoded before base64, so they are decoded here.
 */
import { decodeBase64 } from '../../lib/base64url.js';
import { OAuthError } from '../errors.js';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** RFC 6749 §5.2 / RFC 7617: the challenge of a failed HTTP Basic client authentication. */
export const BASIC_CHALLENGE = 'Basic realm="Tessera", charset="UTF-8"';

/**
 * Runs a check of a Basic-authenticated client; an `invalid_client` it throws gets the Basic
 * challenge (RFC 6749 §5.2: MUST answer 401 with `WWW-Authenticate` for the scheme used).
 */
export async function withBasicChallenge<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof OAuthError && error.error === 'invalid_client') throw error.withChallenge(BASIC_CHALLENGE);
    throw error;
  }
}

export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * The client id and secret of an `Authorization: Basic …` header; null when the header is
 * absent or uses another scheme (the token endpoint has no use for other schemes).
 *
 * @throws OAuthError AADSTS50012 (`invalid_client`) for a malformed Basic credential.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  if (header === undefined) return null;
  const match = /^basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header.trim());
  if (match === null) {
    if (/^basic(?:[ \t]|$)/i.test(header.trim())) throw malformed();
    return null;
  }
  let decoded: string;
  try {
    decoded = utf8Strict.decode(decodeBase64(match[1] as string));
  } catch {
    throw malformed();
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw malformed();
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (clientId === null || clientSecret === null || clientSecret === '') throw malformed();
  return { clientId, clientSecret };
}

// RFC 6749 §2.3.1 → application/x-www-form-urlencoded: `+` is a space, then %-decoding.
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function malformed(): OAuthError {
  return new OAuthError(50012, ['The Authorization header does not carry a valid HTTP Basic client credential.'], { challenge: BASIC_CHALLENGE });
}
