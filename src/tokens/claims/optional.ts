/**
 * The optional claims an application configured (tokens.md §4.4): Graph's `optionalClaims`
 * object `{ idToken: [...], accessToken: [...], saml2Token: [...] }` of
 * `{ name, source, essential, additionalProperties }`. The client's `idToken` list shapes its ID
 * tokens; the resource's `accessToken` list shapes access tokens for it.
 */

export type OptionalClaimsKind = 'idToken' | 'accessToken';

/** Names in the list, lower-cased; `idtyp` counts only with `include_user_token` (tokens.md §4.4). */
export function optionalClaimNames(optionalClaims: unknown, kind: OptionalClaimsKind): ReadonlySet<string> {
  const names = new Set<string>();
  if (typeof optionalClaims !== 'object' || optionalClaims === null) return names;
  const list = (optionalClaims as Record<string, unknown>)[kind];
  if (!Array.isArray(list)) return names;
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, additionalProperties } = entry as { name?: unknown; additionalProperties?: unknown };
    if (typeof name !== 'string') continue;
    const lower = name.toLowerCase();
    const extra = Array.isArray(additionalProperties) ? additionalProperties : [];
    if (lower === 'idtyp' && !extra.includes('include_user_token')) continue;
    names.add(lower);
  }
  return names;
}
