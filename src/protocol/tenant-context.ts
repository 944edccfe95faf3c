/**
 * Explicit tenant context (shared/style.md convention 8): resolved once per protocol request
 * from the `{tenant}` path segment (protocol.md §2) and attached to the request.
 */
import type { Directory } from '../directory/directory.js';
import type { Tenant } from '../directory/types.js';
import { OAuthError } from './errors.js';
import { CONSUMERS_TENANT_ID, parseTenantSegment } from './tenant-segment.js';

export interface TenantContext {
  /** The segment exactly as the client sent it (URLs we build for this request reuse it). */
  segment: string;
  /** `common` / `organizations` stay unresolved; `consumers` resolves to the MSA tenant. */
  alias: 'common' | 'organizations' | 'consumers' | null;
  /** The resolved directory, or null for common/organizations. */
  tenant: Tenant | null;
}

/**
 * @throws OAuthError AADSTS900023 (malformed) or AADSTS90002 (unknown tenant), with the
 * OAuth `error` given by the surface: discovery says `invalid_tenant`, the token endpoint
 * `invalid_request` (protocol.md §2.1, spec/clients.md item 5).
 */
export async function resolveTenantContext(segment: string, directory: Directory, notFoundError: string): Promise<TenantContext> {
  const parsed = parseTenantSegment(segment);
  switch (parsed.kind) {
    case 'malformed':
      throw new OAuthError(900023, [segment]);
    case 'alias': {
      if (parsed.alias !== 'consumers') return { segment, alias: parsed.alias, tenant: null };
      const tenant = await directory.getTenant(CONSUMERS_TENANT_ID);
      if (!tenant) throw new OAuthError(90002, [segment], { error: notFoundError });
      return { segment, alias: 'consumers', tenant };
    }
    case 'guid': {
      const tenant = await directory.getTenant(parsed.id);
      if (!tenant) throw new OAuthError(90002, [segment], { error: notFoundError });
      return { segment, alias: parsed.id === CONSUMERS_TENANT_ID ? 'consumers' : null, tenant };
    }
    case 'domain': {
      const tenant = await directory.findTenantByDomain(parsed.domain);
      if (!tenant) throw new OAuthError(90002, [segment], { error: notFoundError });
      return { segment, alias: null, tenant };
    }
  }
}
