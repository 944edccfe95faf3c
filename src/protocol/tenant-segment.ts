/**
 * Parse the `{tenant}` path segment (protocol.md §2.1). Pure: no lookups here.
 */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export type TenantSegment =
  | { kind: 'guid'; id: string }
  | { kind: 'domain'; domain: string }
  | { kind: 'alias'; alias: 'common' | 'organizations' | 'consumers' }
  | { kind: 'malformed'; raw: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name with at least two labels: RFC 1123 labels of 1–63 letters, digits or hyphens.
const DNS = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function parseTenantSegment(raw: string): TenantSegment {
  const lower = raw.toLowerCase();
  if (lower === 'common' || lower === 'organizations' || lower === 'consumers') return { kind: 'alias', alias: lower };
  if (GUID.test(raw)) return { kind: 'guid', id: lower };
  if (DNS.test(raw)) return { kind: 'domain', domain: lower };
  // ENTRA-COMPAT: Entra answers AADSTS900023 for identifiers that are neither a GUID nor a DNS
  // name (protocol.md §2.1 [O]); single-label names are not valid external domains either.
  return { kind: 'malformed', raw };
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
