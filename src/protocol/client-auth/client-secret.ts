/**
 * `client_secret_post` / `client_secret_basic` (protocol.md §4.1): the presented secret against
 * the app's stored secret hashes (SHA-256 digests or scrypt), in constant time (design.md Security), then its validity window.
 */
import type { ClientCredentials } from '../../directory/directory.js';
import { verifySecret } from '../../directory/credentials.js';
import { OAuthError } from '../errors.js';

/**
 * @throws OAuthError AADSTS7000215 (no stored secret matches, or the matching one is not valid
 * yet), AADSTS7000222 (the matching secret has expired).
 */
export async function verifyClientSecret(credentials: ClientCredentials, presented: string, now: Date): Promise<void> {
  const appId = credentials.application.appId;
  // Every stored secret is checked (no early exit), so timing does not reveal which one
  // matched; the scrypt ones run side by side in the thread pool.
  const results = await Promise.all(credentials.secrets.map((secret) => verifySecret(presented, secret.secretHash, secret.keyId)));
  const matched = credentials.secrets.find((_, index) => results[index] === true);
  if (matched === undefined) throw new OAuthError(7000215, [appId]);
  const at = now.getTime();
  if (at > Date.parse(matched.endDateTime)) throw new OAuthError(7000222, [appId], { cause: `secret ${matched.keyId} expired ${matched.endDateTime}` });
  // ENTRA-COMPAT: a secret before its startDateTime is answered like a wrong one (Entra's
  // reference names no separate code for it).
  if (at < Date.parse(matched.startDateTime)) throw new OAuthError(7000215, [appId], { cause: `secret ${matched.keyId} not valid before ${matched.startDateTime}` });
}
