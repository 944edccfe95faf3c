/**
 * The demo environment as a developer reads it on first start: authorities, tenant, client ids
 * and secrets, users and passwords, how to trust the CA, and a ready `curl` that gets a token.
 * Paths are printed absolute, so that they work from a client's own directory.
 */
import type { DemoInfo } from '../environment/demo-info.js';

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Shell-quotes a value when it needs it. */
function sh(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** The readable summary (also written as JSON to demo.json). */
export function formatDemoSummary(info: DemoInfo, demoJsonFile: string): string {
  const out: string[] = [];
  out.push('Demo environment (well-known PUBLIC credentials: local development only; start with --no-demo or an environment file otherwise)');
  for (const tenant of info.tenants) {
    out.push('');
    out.push(`Tenant ${tenant.displayName}: ${tenant.id}${tenant.domain ? ` (${tenant.domain})` : ' (personal accounts)'}`);
    out.push(`  authority  ${tenant.authority}`);
    if (tenant.domain) out.push(`             ${info.url}/${tenant.domain}   ${info.url}/organizations   ${info.url}/common`);
    else out.push(`             ${info.url}/consumers`);
    if (tenant.users.length > 0) out.push('  users');
    for (const u of tenant.users) {
      const extras = [...u.roles, ...(u.mfa ? [`MFA${u.totpSecret ? `, TOTP secret ${u.totpSecret}` : ''}`] : [])];
      out.push(`    ${u.userPrincipalName.padEnd(38)} password ${u.password ?? '-'}${extras.length ? `   (${extras.join('; ')})` : ''}`);
    }
    if (tenant.applications.length > 0) out.push('  applications');
    for (const a of tenant.applications) {
      out.push(`    ${a.displayName} (${a.kind})  client id ${a.appId}`);
      if (a.secret) out.push(`      secret       ${a.secret}`);
      if (a.certificateFile) out.push(`      certificate  ${a.certificateFile}  private key ${a.privateKeyFile ?? '-'}`);
      if (a.redirectUris.length > 0) out.push(`      redirect URIs ${a.redirectUris.join('  ')}`);
    }
  }
  const daemonTenant = info.tenants.find((t) => t.applications.some((a) => a.kind === 'daemon'));
  const daemon = daemonTenant?.applications.find((a) => a.kind === 'daemon');
  out.push('');
  if (info.caFile) out.push(`Trust the local CA:  export NODE_EXTRA_CA_CERTS=${info.caFile}`);
  if (daemonTenant && daemon?.secret) {
    out.push('Get a token for Microsoft Graph as the daemon:');
    out.push(
      `  curl ${info.caFile ? `--cacert ${sh(info.caFile)} ` : ''}${sh(`${daemonTenant.authority}/oauth2/v2.0/token`)} \\\n` +
        `    -d grant_type=client_credentials -d client_id=${daemon.appId} \\\n` +
        `    --data-urlencode client_secret=${sh(daemon.secret)} --data-urlencode scope=${GRAPH_DEFAULT_SCOPE}`,
    );
  }
  out.push(`The same as JSON: ${demoJsonFile}`);
  return out.join('\n');
}
