/**
 * The `{id | userPrincipalName}` of `/users/{key}` (graph.md §1.1): a GUID is an object id, a
 * value with `@` is a UPN; a GUID-like value with a wrong shape is a malformed id (400), and
 * anything else cannot name a user (404), as Graph answers.
 */
import { isGuid } from '../../lib/ids.js';
import { graphErrors } from '../errors.js';

/** The key to look up, or throws the error Graph gives for a key that can name no user. */
export function userKey(raw: string): string {
  if (isGuid(raw) || raw.includes('@')) return raw;
  if (/^[{(]?[0-9a-f]{8}-[0-9a-f-]*[)}]?$/i.test(raw)) throw graphErrors.invalidObjectId(raw);
  throw graphErrors.resourceNotFound(raw);
}
