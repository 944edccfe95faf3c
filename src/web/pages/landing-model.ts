/**
 * The landing page's view model: plain data, every string of it escaped by the view
 * (pages/landing.ts). Built by web/landing/page-model.ts.
 */

/** One authority (`{base}/{tenant}`) and the documents a client reads from it. */
export interface AuthorityLinks {
  /** What the authority is called here: the tenant id, a domain, `common`, … */
  label: string;
  authority: string;
  discoveryV2: string;
  discoveryV1: string;
  jwksV2: string;
  jwksV1: string;
}

export interface TenantSection {
  displayName: string;
  id: string;
  kind: 'organization' | 'consumers';
  domains: string[];
  omittedDomains: number;
  /** The GUID authority first, then one per domain (`consumers` for the consumers tenant). */
  authorities: AuthorityLinks[];
}

/** How the listener's certificate is trusted. */
export type TlsSection =
  | { kind: 'local-ca'; caHref: string; fingerprint: string }
  | { kind: 'certificate' }
  | { kind: 'http' };

/** The demo environment's well-known, public credentials (environment/demo-values.ts). */
export interface DemoSection {
  warning: string;
  tenantId: string;
  tenantDomain: string;
  applications: Array<{ displayName: string; kind: string; clientId: string; secret: string | null; redirectUris: readonly string[] }>;
  users: Array<{ userPrincipalName: string; password: string; note: string | null }>;
}

export interface FullLanding {
  /** Issuer base (public URL) of this request. */
  base: string;
  graphBase: string;
  /** `SQLite`, `SQLite (in memory)`, `PostgreSQL`: never the URL. */
  database: string;
  tls: TlsSection;
  /** `common`, `organizations`, `consumers`. */
  multiTenant: AuthorityLinks[];
  tenants: TenantSection[];
  omittedTenants: number;
  demo: DemoSection | null;
  /** The landing page's own URL, for the `Accept: application/json` hint. */
  selfUrl: string;
}

export interface LandingModel {
  version: string;
  docs: Array<{ name: string; href: string }>;
  /** Absent with `landingPage: 'minimal'`. */
  full: FullLanding | null;
}
