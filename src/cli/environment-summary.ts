/**
 * The readable summary of an environment, shared by the demo (demo-summary.ts), `tessera apply`
 * and `tessera start --environment`: per tenant its authorities, users and applications with
 * client ids and credentials. A secret value is printed only where the summary carries one: a
 * secret Tessera generated in this run (once, as Entra shows it once) or the demo's public ones.
 */
import type { TesseraConfig } from '../config/schema.js';
import type { AppliedEnvironment } from '../environment/result.js';
import type { AppliedSummary, EnvironmentSummary, SummaryApplication, SummarySecret, SummaryUser } from '../environment/summary.js';
import { createPublicUrls } from '../server/public-url.js';
import { plural } from './output.js';

/** The base URL `tessera start` would use with this configuration (`<port>` when it picks one). */
export function configuredBaseUrl(config: Pick<TesseraConfig, 'publicUrl' | 'http' | 'port'>): string {
  if (config.publicUrl === null && config.port === 0) return `${config.http ? 'http' : 'https'}://localhost:<port>`;
  return createPublicUrls({ publicUrl: config.publicUrl, http: config.http, port: config.port, hostNames: [] }).defaultBase;
}

/** The lines of each tenant: authorities, users, groups, applications. */
export function formatTenants(summary: EnvironmentSummary): string[] {
  const { url } = summary;
  const out: string[] = [];
  for (const tenant of summary.tenants) {
    out.push('');
    out.push(`Tenant ${tenant.displayName}: ${tenant.id}${tenant.domain ? ` (${tenant.domain})` : ' (personal accounts)'}`);
    out.push(`  authority  ${tenant.authority}`);
    if (tenant.domain) out.push(`             ${url}/${tenant.domain}   ${url}/organizations   ${url}/common`);
    else out.push(`             ${url}/consumers`);
    if (tenant.users.length > 0) out.push('  users');
    for (const u of tenant.users) out.push(`    ${u.userPrincipalName.padEnd(38)} ${password(u)}${userExtras(u)}`);
    if (tenant.groups && tenant.groups.length > 0) out.push(`  groups     ${tenant.groups.map((g) => g.displayName).join(', ')}`);
    if (tenant.applications.length > 0) out.push('  applications');
    for (const a of tenant.applications) out.push(...application(a));
  }
  return out;
}

function password(u: SummaryUser): string {
  if (u.password !== null) return `password ${u.password}`;
  return u.passwordSet ? 'password from the file' : 'no password';
}

function userExtras(u: SummaryUser): string {
  const extras = [...u.roles, ...(u.mfa ? [`MFA${u.totpSecret ? `, TOTP secret ${u.totpSecret}` : ''}`] : [])];
  return extras.length ? `   (${extras.join('; ')})` : '';
}

function application(a: SummaryApplication): string[] {
  const out = [`    ${a.displayName} (${a.kind})  client id ${a.appId}`];
  for (const s of a.secrets) out.push(`      secret       ${secret(s)}`);
  for (const c of a.certificates) {
    if (c.file !== null) out.push(`      certificate  ${c.file}  private key ${c.privateKeyFile ?? '-'}`);
    else if (c.thumbprint !== null) out.push(`      certificate  thumbprint ${c.thumbprint}`);
  }
  const uris = [...a.redirectUris.web, ...a.redirectUris.spa, ...a.redirectUris.publicClient];
  if (uris.length > 0) out.push(`      redirect URIs ${uris.join('  ')}`);
  return out;
}

function secret(s: SummarySecret): string {
  const name = s.displayName === null ? '' : `"${s.displayName}"`;
  if (s.origin === 'generated') return `${s.value ?? ''}   (new${name ? ` ${name}` : ''}: shown only now)`;
  if (s.value !== null) return s.value;
  if (s.origin === 'existing') return `${name || 'generated'} exists: its value is not recoverable (shown only when it was created)`;
  return `${name ? `${name}: ` : ''}the value given in the file`;
}

/** `Applied env.yaml: created 1 tenant, 3 users (…)`, plus warnings. */
export function describeApplied(source: string, applied: Pick<AppliedEnvironment, 'created' | 'warnings'>): string {
  const c = applied.created;
  const parts = [
    plural(c.tenants, 'tenant'),
    plural(c.users, 'user'),
    plural(c.groups, 'group'),
    plural(c.applications, 'application'),
    plural(c.secrets, 'secret'),
    plural(c.certificates, 'certificate'),
    plural(c.members, 'group member'),
    plural(c.consents, 'consent'),
    plural(c.assignments, 'app role assignment'),
  ].filter((p) => !p.startsWith('0 '));
  const lines = [`Applied ${source}: ${parts.length === 0 ? 'already up to date, nothing created or changed' : `created ${parts.join(', ')}`}`];
  for (const w of applied.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

/** The summary of an applied environment file: what the run did, the tenants, and how secrets behave. */
export function formatAppliedSummary(summary: AppliedSummary): string {
  const out = [describeApplied(summary.source, summary)];
  if (summary.urlSource === 'configuration') {
    out.push(`Authorities use ${summary.url}, from the configuration (publicUrl, else port); \`tessera start\` prints the server's own.`);
  }
  out.push(...formatTenants(summary));
  const secrets = summary.tenants.flatMap((t) => t.applications.flatMap((a) => a.secrets));
  if (secrets.some((s) => s.origin === 'generated' || s.origin === 'existing')) out.push('');
  if (secrets.some((s) => s.origin === 'generated')) out.push('Store the new secrets now: Tessera keeps only a digest of each and cannot show them again.');
  if (secrets.some((s) => s.origin === 'existing')) {
    out.push("A secret's value is shown only when it is created, as in Entra ID. For a new one (same --data-dir or --database):");
    out.push('  tessera apps secret add <client id> --name <name>');
  }
  if (summary.caFile) out.push(`Trust the local CA:  export NODE_EXTRA_CA_CERTS=${summary.caFile}`);
  return out.join('\n');
}
