/**
 * From what the server knows to the landing page's view model (pages/landing-model.ts). Links
 * to discovery documents and JWKS are built from the protocol route table by route name, so
 * they cannot drift from the paths actually served.
 */
import { X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DEMO, DEMO_WARNING, publicClientRedirectUris } from '../../environment/demo-values.js';
import { protocolRoutes } from '../../protocol/routes.js';
import type { AppDeps } from '../../server/deps.js';
import type { AuthorityLinks, DemoSection, FullLanding, TenantSection, TlsSection } from '../pages/landing-model.js';
import { webPath } from '../routes.js';
import type { DirectoryOverview, TenantOverview } from './overview.js';

/** `{base}{path of the named protocol route}` for `tenant`. */
function protocolUrl(base: string, name: string, tenant: string): string {
  // Looked up per call: protocol/routes.ts and this module import each other indirectly.
  const route = protocolRoutes.find((r) => r.name === name);
  if (!route) throw new Error(`no protocol route named ${name}`);
  return base + route.url.replace(':tenant', encodeURIComponent(tenant));
}

export function authorityLinks(base: string, tenant: string, label: string = tenant): AuthorityLinks {
  return {
    label,
    authority: `${base}/${encodeURIComponent(tenant)}`,
    discoveryV2: protocolUrl(base, 'openid-configuration', tenant),
    discoveryV1: protocolUrl(base, 'openid-configuration-v1', tenant),
    jwksV2: protocolUrl(base, 'jwks', tenant),
    jwksV1: protocolUrl(base, 'jwks-v1', tenant),
  };
}

function tenantSection(base: string, tenant: TenantOverview): TenantSection {
  const aliases = tenant.kind === 'consumers' ? ['consumers'] : tenant.domains;
  return {
    displayName: tenant.displayName,
    id: tenant.id,
    kind: tenant.kind,
    domains: tenant.domains,
    omittedDomains: tenant.omittedDomains,
    authorities: [authorityLinks(base, tenant.id), ...aliases.map((alias) => authorityLinks(base, alias))],
  };
}

/** The demo's public values, as the CLI's summary shows them (cli/demo-summary.ts). */
export function demoSection(): DemoSection {
  const { tenant, users, applications: apps } = DEMO;
  return {
    warning: DEMO_WARNING,
    tenantId: tenant.id,
    tenantDomain: tenant.domain,
    applications: [
      { displayName: apps.daemon.displayName, kind: 'daemon', clientId: apps.daemon.appId, secret: apps.daemon.secret, redirectUris: [] },
      { displayName: apps.web.displayName, kind: 'web', clientId: apps.web.appId, secret: apps.web.secret, redirectUris: apps.web.redirectUris },
      { displayName: apps.spa.displayName, kind: 'spa', clientId: apps.spa.appId, secret: null, redirectUris: apps.spa.redirectUris },
      { displayName: apps.publicClient.displayName, kind: 'public', clientId: apps.publicClient.appId, secret: null, redirectUris: publicClientRedirectUris() },
    ],
    users: [
      { userPrincipalName: users.admin.userPrincipalName, password: users.admin.password, note: 'Global Administrator' },
      { userPrincipalName: users.alice.userPrincipalName, password: users.alice.password, note: null },
      { userPrincipalName: users.bob.userPrincipalName, password: users.bob.password, note: `MFA, TOTP secret ${users.bob.totpSecret}` },
      { userPrincipalName: users.personal.userPrincipalName, password: users.personal.password, note: 'personal account (consumers)' },
    ],
  };
}

const fingerprints = new Map<string, string>();

/** SHA-256 fingerprint of the CA certificate (computed once per CA). */
function fingerprintOf(caPem: string): string {
  let value = fingerprints.get(caPem);
  if (value === undefined) {
    value = new X509Certificate(caPem).fingerprint256;
    fingerprints.set(caPem, value);
  }
  return value;
}

function tlsSection(deps: Pick<AppDeps, 'tls' | 'urls'>, base: string): TlsSection {
  if (deps.tls === null) return { kind: 'http' };
  if (!deps.tls.caPem) return { kind: 'certificate' };
  return { kind: 'local-ca', caHref: caUrl(deps, base) as string, fingerprint: fingerprintOf(deps.tls.caPem) };
}

/** The CA's download URL, or null when Tessera serves no CA of its own. */
export function caUrl(deps: Pick<AppDeps, 'tls' | 'urls'>, base: string): string | null {
  if (!deps.tls?.caPem) return null;
  // `base` already ends in the path prefix; the route path is relative to it.
  return `${base}${webPath('', 'ca')}`;
}

/** Diagnostics only (storage/dialects/dialect.ts `name`): the kind, never the URL or its password. */
function databaseLabel(deps: Pick<AppDeps, 'storage' | 'config'>): string {
  if (deps.storage.dialect.name === 'postgres') return 'PostgreSQL';
  return deps.config.database === ':memory:' || deps.config.database === 'sqlite::memory:' ? 'SQLite (in memory)' : 'SQLite';
}

export function fullLanding(request: FastifyRequest, deps: AppDeps, overview: DirectoryOverview): FullLanding {
  const base = deps.urls.baseFor(request);
  return {
    base,
    graphBase: `${deps.urls.originFor(request)}/v1.0`,
    database: databaseLabel(deps),
    tls: tlsSection(deps, base),
    multiTenant: ['common', 'organizations', 'consumers'].map((alias) => authorityLinks(base, alias)),
    tenants: overview.tenants.map((t) => tenantSection(base, t)),
    omittedTenants: overview.omittedTenants,
    demo: overview.demo ? demoSection() : null,
    selfUrl: `${base}/`,
  };
}
