/** The bearer token of a request (RFC 6750 §2.1; graph.md §1.2). */
import { graphErrors } from '../errors.js';

/** The token of `Authorization: Bearer <token>`; 401 `Access token is empty.` otherwise. */
export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined) throw graphErrors.emptyToken();
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  // The scheme is case-insensitive (RFC 7235 §2.1).
  if (scheme.toLowerCase() !== 'bearer') throw graphErrors.emptyToken();
  const token = authorization.slice(space + 1).trim();
  if (space < 0 || token === '') throw graphErrors.emptyToken();
  return token;
}
