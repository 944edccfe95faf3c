/**
 * What an environment consists of, as a developer reads it after `tessera apply`,
 * `tessera start --environment` or the demo: per tenant its authority, users, and applications
 * with their client ids and credentials. The CLI prints it (src/cli/environment-summary.ts) and
 * `tessera apply --json` prints it as JSON.
 *
 * Secret values appear only where Tessera generated them in this run. ENTRA-COMPAT: as in the
 * portal, a generated secret is shown once, at creation; the directory keeps only its digest.
 * Passwords, TOTP secrets and secret values the file gave are the file's own and not echoed.
 */
import type { AppliedApplication, AppliedEnvironment, AppliedSecret } from './result.js';

export type SummaryAppKind = 'daemon' | 'web' | 'spa' | 'public' | 'api';

export interface SummarySecret {
  keyId: string | null;
  displayName: string | null;
  /** generated: made by Tessera in this run; existing: generated earlier, not recoverable; given: from the file. */
  origin: 'generated' | 'existing' | 'given';
  /** The value where it may be shown: generated in this run (or the demo's public ones); else null. */
  value: string | null;
}

export interface SummaryCertificate {
  /** Upper-case hex SHA-1 thumbprint, when known. */
  thumbprint: string | null;
  /** Certificate and private key files (the demo's daemon). */
  file: string | null;
  privateKeyFile: string | null;
  created?: boolean;
}

export interface SummaryUser {
  id?: string;
  userPrincipalName: string;
  /** Shown only for the demo's public passwords; null otherwise. */
  password: string | null;
  /** The user can sign in with a password (given in the file). */
  passwordSet: boolean;
  roles: string[];
  mfa: boolean;
  /** The demo's public TOTP secret. */
  totpSecret?: string;
  created?: boolean;
}

export interface SummaryApplication {
  id?: string;
  appId: string;
  displayName: string;
  kind: SummaryAppKind;
  servicePrincipalId?: string | null;
  redirectUris: { web: string[]; spa: string[]; publicClient: string[] };
  secrets: SummarySecret[];
  certificates: SummaryCertificate[];
  created?: boolean;
}

export interface SummaryTenant {
  id: string;
  displayName: string;
  /** Initial domain; null for the consumers tenant. */
  domain: string | null;
  authority: string;
  users: SummaryUser[];
  groups?: Array<{ id: string; displayName: string; created: boolean }>;
  applications: SummaryApplication[];
  created?: boolean;
}

export interface EnvironmentSummary {
  /** Base URL of the authorities. */
  url: string;
  /** server: the running server's URL; configuration: from publicUrl/port, no server asked. */
  urlSource?: 'server' | 'configuration';
  caFile: string | null;
  tenants: SummaryTenant[];
}

/** Summary of an applied environment file, with the run's counts and warnings (`apply --json`). */
export interface AppliedSummary extends EnvironmentSummary {
  source: string;
  created: AppliedEnvironment['created'];
  warnings: string[];
}

/** A rough kind, from the platforms and credentials the registration has. */
export function applicationKind(a: Pick<AppliedApplication, 'redirectUris' | 'secrets' | 'certificates'>): SummaryAppKind {
  if (a.redirectUris.publicClient.length > 0) return 'public';
  if (a.redirectUris.spa.length > 0) return 'spa';
  if (a.redirectUris.web.length > 0) return 'web';
  return a.secrets.length > 0 || a.certificates.length > 0 ? 'daemon' : 'api';
}

function summarySecret(s: AppliedSecret): SummarySecret {
  const origin = !s.generated ? 'given' : s.created ? 'generated' : 'existing';
  return { keyId: s.keyId, displayName: s.displayName, origin, value: origin === 'generated' ? s.value : null };
}

/** The summary of `applied` with authorities under `url`. */
export function summarizeApplied(
  applied: AppliedEnvironment,
  options: { source: string; url: string; urlSource: 'server' | 'configuration'; caFile: string | null },
): AppliedSummary {
  return {
    source: options.source,
    url: options.url,
    urlSource: options.urlSource,
    caFile: options.caFile,
    created: applied.created,
    warnings: applied.warnings,
    tenants: applied.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domain: t.domain,
      authority: `${options.url}/${t.id}`,
      created: t.created,
      users: applied.users
        .filter((u) => u.tenantId === t.id)
        .map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, password: null, passwordSet: u.password !== null, roles: u.roles, mfa: u.mfa, created: u.created })),
      groups: applied.groups.filter((g) => g.tenantId === t.id).map((g) => ({ id: g.id, displayName: g.displayName, created: g.created })),
      applications: applied.applications
        .filter((a) => a.tenantId === t.id)
        .map((a) => ({
          id: a.id,
          appId: a.appId,
          displayName: a.displayName,
          kind: applicationKind(a),
          servicePrincipalId: a.servicePrincipalId,
          redirectUris: a.redirectUris,
          secrets: a.secrets.map(summarySecret),
          certificates: a.certificates.map((c) => ({ thumbprint: c.thumbprint, file: null, privateKeyFile: null, created: c.created })),
          created: a.created,
        })),
    })),
  };
}
