/**
 * Issuer formats (tokens.md §7.1) on our own host: v2 `{base}/{tid}/v2.0`, v1 `{base}/{tid}/`
 * (the `https://sts.windows.net/{tid}/` shape, with our base in place of Microsoft's host).
 */
export const TENANT_ID_PLACEHOLDER = '{tenantid}';

export function issuerV2(base: string, tenantId: string): string {
  return `${base}/${tenantId}/v2.0`;
}

// ENTRA-COMPAT: Entra's v1 issuer lives on a second host (sts.windows.net); we keep its path
// shape (trailing slash) on the one configured base so every issuer shares the authority's origin.
export function issuerV1(base: string, tenantId: string): string {
  return `${base}/${tenantId}/`;
}
