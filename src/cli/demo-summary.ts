/**
 * The demo environment as a developer reads it on first start: authorities, tenant, client ids
 * and secrets, users and passwords, how to trust the CA, and a ready `curl` that gets a token.
 * The tenant blocks are the shared environment summary (environment-summary.ts); the demo's
 * values are public, so its secrets and passwords are printed on every start.
 * Paths are printed absolute, so that they work from a client's own directory.
 */
import type { DemoInfo } from '../environment/demo-info.js';
import type { EnvironmentSummary } from '../environment/summary.js';
import { DEMO_WARNING } from '../environment/demo-values.js';
import { formatTenants } from './environment-summary.js';

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Shell-quotes a value when it needs it. */
function sh(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** demo.json's content in the shared summary shape. */
export function demoSummary(info: DemoInfo): EnvironmentSummary {
  return {
    url: info.url,
    caFile: info.caFile,
    tenants: info.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domain: t.domain,
      authority: t.authority,
      users: t.users.map((u) => ({ ...u, passwordSet: u.password !== null })),
      applications: t.applications.map((a) => ({
        appId: a.appId,
        displayName: a.displayName,
        kind: a.kind,
        // demo.json lists redirect URIs flat; the kind tells the platform.
        redirectUris: { web: a.kind === 'web' ? a.redirectUris : [], spa: a.kind === 'spa' ? a.redirectUris : [], publicClient: a.kind === 'public' ? a.redirectUris : [] },
        secrets: a.secret === null ? [] : [{ keyId: null, displayName: null, origin: 'given' as const, value: a.secret }],
        certificates: a.certificateFile === null ? [] : [{ thumbprint: null, file: a.certificateFile, privateKeyFile: a.privateKeyFile }],
      })),
    })),
  };
}

/** The readable summary (also written as JSON to demo.json). */
export function formatDemoSummary(info: DemoInfo, demoJsonFile: string): string {
  const out: string[] = [];
  out.push(`Demo environment (${DEMO_WARNING})`);
  out.push(...formatTenants(demoSummary(info)));
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
