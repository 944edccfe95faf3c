/**
 * What the landing page lists, read from the directory: the tenants (organizations first, the
 * consumers tenant last, at most TENANT_CAP of them) and whether the demo environment is there.
 * Reads only — a landing page that wrote a row per visit would let anyone grow the database.
 */
import type { Directory } from '../../directory/directory.js';
import type { Tenant } from '../../directory/types.js';
import { DEMO } from '../../environment/demo-values.js';

/** Tenants listed on the page and in the JSON; the rest are counted. */
export const TENANT_CAP = 50;
/** Domains shown per tenant; the rest are counted. */
export const DOMAIN_CAP = 20;

export interface TenantOverview {
  id: string;
  displayName: string;
  kind: Tenant['kind'];
  /** The initial (`*.onmicrosoft.com`) domain; null for the consumers tenant. */
  initialDomain: string | null;
  /** Verified domains, the initial one first, at most DOMAIN_CAP. */
  domains: string[];
  /** Verified domains not listed. */
  omittedDomains: number;
}

export interface DirectoryOverview {
  tenants: TenantOverview[];
  /** Tenants not listed (past TENANT_CAP). */
  omittedTenants: number;
  /** The demo environment's tenant exists. */
  demo: boolean;
}

function overviewOf(tenant: Tenant): TenantOverview {
  const verified = tenant.domains.filter((d) => d.isVerified);
  const ordered = [...verified.filter((d) => d.isInitial), ...verified.filter((d) => !d.isInitial)].map((d) => d.name);
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    kind: tenant.kind,
    initialDomain: tenant.domains.find((d) => d.isInitial)?.name ?? null,
    domains: ordered.slice(0, DOMAIN_CAP),
    omittedDomains: Math.max(0, ordered.length - DOMAIN_CAP),
  };
}

export async function directoryOverview(directory: Pick<Directory, 'listTenants'>, cap: number = TENANT_CAP): Promise<DirectoryOverview> {
  const all = await directory.listTenants();
  const ordered = [...all.filter((t) => t.kind !== 'consumers'), ...all.filter((t) => t.kind === 'consumers')];
  return {
    tenants: ordered.slice(0, cap).map(overviewOf),
    omittedTenants: Math.max(0, ordered.length - cap),
    demo: all.some((t) => t.id === DEMO.tenant.id),
  };
}
