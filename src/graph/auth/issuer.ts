/**
 * Reading an issuer we may have put in a token (tokens.md §7.1): v2 `{base}/{tid}/v2.0`,
 * v1 `{base}/{tid}/`. Pure; whether `base` is ours is the caller's question.
 */
import { isGuid } from '../../lib/ids.js';

export interface ParsedIssuer {
  base: string;
  tenantId: string;
  version: 1 | 2;
}

export function parseIssuer(iss: unknown): ParsedIssuer | null {
  if (typeof iss !== 'string') return null;
  let rest: string;
  let version: 1 | 2;
  if (iss.endsWith('/v2.0')) {
    rest = iss.slice(0, -'/v2.0'.length);
    version = 2;
  } else if (iss.endsWith('/')) {
    rest = iss.slice(0, -1);
    version = 1;
  } else {
    return null;
  }
  const slash = rest.lastIndexOf('/');
  const tenantId = rest.slice(slash + 1);
  const base = rest.slice(0, slash);
  if (slash < 0 || !isGuid(tenantId) || base === '') return null;
  return { base, tenantId: tenantId.toLowerCase(), version };
}
