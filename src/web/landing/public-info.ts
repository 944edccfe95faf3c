/**
 * `GET /` with `Accept: application/json`: the shape of `<data-dir>/demo.json`
 * (environment/demo-info.ts) computed from the directory, for every listed tenant — and without
 * anything secret. The types below are demo.json's minus its secret fields, so the compiler
 * refuses a `secret`, `password` or `totpSecret` here; the values come from directory objects,
 * which hold only digests of secrets anyway. Server file paths (`caFile`, the daemon's
 * certificate files) are null: a remote caller cannot use them and they name the server's
 * directories; the CA is downloadable at `caUrl` instead.
 */
import type { Directory } from '../../directory/directory.js';
import type { Application } from '../../directory/types.js';
import { roleName } from '../../environment/role-templates.js';
import type { DemoAppKind, DemoInfo } from '../../environment/demo-info.js';
import type { DirectoryOverview } from './overview.js';

type DemoTenant = DemoInfo['tenants'][number];
type DemoUser = DemoTenant['users'][number];
type DemoApplication = DemoTenant['applications'][number];

export type PublicUser = Omit<DemoUser, 'password' | 'totpSecret'>;
export type PublicApplication = Omit<DemoApplication, 'secret' | 'certificateFile' | 'privateKeyFile'> & { certificateFile: null; privateKeyFile: null };
export type PublicTenant = Omit<DemoTenant, 'users' | 'applications'> & { users: PublicUser[]; applications: PublicApplication[] };

export interface PublicInfo extends Omit<DemoInfo, 'caFile' | 'tenants'> {
  caFile: null;
  /** The local CA's download URL; null when Tessera serves no CA of its own (`--cert`, `--http`). */
  caUrl: string | null;
  tenants: PublicTenant[];
  /** Tenants past the cap (overview.ts TENANT_CAP), not listed. */
  omittedTenants: number;
}

/** Users and applications listed per tenant. */
export const MEMBER_CAP = 50;

/**
 * demo.json's kinds, from the app's platforms: web redirect URIs → web, SPA → spa, public-client
 * redirect URIs or `isFallbackPublicClient` → public, none → daemon (client credentials only).
 * The demo's four apps come out as demo.json names them.
 */
export function applicationKind(app: Pick<Application, 'web' | 'spa' | 'publicClient' | 'isFallbackPublicClient'>): DemoAppKind {
  if (app.web.redirectUris.length > 0) return 'web';
  if (app.spa.redirectUris.length > 0) return 'spa';
  if (app.publicClient.redirectUris.length > 0 || app.isFallbackPublicClient) return 'public';
  return 'daemon';
}

export async function publicInfo(
  directory: Pick<Directory, 'listUsers' | 'listApplications'>,
  overview: DirectoryOverview,
  options: { url: string; caUrl: string | null },
): Promise<PublicInfo> {
  const tenants: PublicTenant[] = [];
  for (const tenant of overview.tenants) {
    const [users, applications] = await Promise.all([directory.listUsers(tenant.id, { top: MEMBER_CAP }), directory.listApplications(tenant.id)]);
    tenants.push({
      id: tenant.id,
      displayName: tenant.displayName,
      domain: tenant.initialDomain,
      authority: `${options.url}/${tenant.id}`,
      users: users.items.map((u) => ({ userPrincipalName: u.userPrincipalName, roles: u.directoryRoles.map(roleName), mfa: u.mfa.required })),
      applications: applications.slice(0, MEMBER_CAP).map((a) => ({
        displayName: a.displayName,
        appId: a.appId,
        kind: applicationKind(a),
        certificateFile: null,
        privateKeyFile: null,
        redirectUris: [...a.web.redirectUris, ...a.spa.redirectUris, ...a.publicClient.redirectUris],
      })),
    });
  }
  return { url: options.url, caFile: null, caUrl: options.caUrl, tenants, omittedTenants: overview.omittedTenants };
}
