/**
 * What a `tessera consent` command is about: the tenant, the client app, the user (or none: the
 * whole tenant) and the permissions, named as environment files name them (`Microsoft Graph`, an
 * appId, an identifier URI; `User.Read`), resolved with the environment engine's own functions
 * (environment/resource-lookup.ts, environment/resources.ts). Besides, the CLI knows the apps
 * already in the directory by displayName.
 */
import type { Directory } from '../../directory/directory.js';
import type { ServicePrincipal, Tenant, User } from '../../directory/types.js';
import { createResourceLookup, fromServicePrincipal } from '../../environment/resource-lookup.js';
import { resolvePermissionSet, type ResolvedPermissions } from '../../environment/resources.js';
import { isGuid } from '../../lib/ids.js';
import { UsageError } from '../errors.js';
import { initialDomain, parsePermissions, resolveTenant } from '../options.js';

/** The client application a command names. */
export interface ClientApp {
  appId: string;
  displayName: string;
}

/** Options shared by `grant` and `revoke`. */
export interface TargetOptions {
  tenant?: string;
  user?: string;
  permission?: string[];
  applicationPermission?: string[];
}

/** A resolved command target. */
export interface ConsentTarget {
  tenant: Tenant;
  app: ClientApp;
  /** The consenting user; null: the whole tenant (admin consent, `AllPrincipals`). */
  user: User | null;
  /** Delegated permissions by resource (`--permission`). */
  delegated: ResolvedPermissions[];
  /** Application permissions by resource (`--application-permission`). */
  application: ResolvedPermissions[];
}

/** Resolves tenant, app, user and permission names; a bad name is a usage error naming its option. */
export async function resolveTarget(directory: Directory, appRef: string, options: TargetOptions): Promise<ConsentTarget> {
  const delegatedNames = parsePermissions('--permission', options.permission ?? []);
  const applicationNames = parsePermissions('--application-permission', options.applicationPermission ?? []);
  // protocol.md §14.1: application permissions are consented by an administrator, for the tenant.
  if (options.user !== undefined && Object.keys(applicationNames).length > 0) {
    throw new UsageError('--application-permission: a user consents to delegated permissions only; leave out --user');
  }
  const tenant = await resolveTenant(directory, options.tenant);
  const servicePrincipals = await directory.listServicePrincipals(tenant.id);
  const app = await findClientApp(directory, tenant, servicePrincipals, appRef);
  const user = options.user === undefined ? null : await findUser(directory, tenant, options.user);
  // The tenant's own service principals stand in for "the applications of the file": their
  // displayNames resolve, as an app's name does in an environment file.
  const lookup = createResourceLookup(directory, servicePrincipals.map(fromServicePrincipal));
  return {
    tenant,
    app,
    user,
    delegated: await resolveNames(lookup, '--permission', delegatedNames, 'delegated'),
    application: await resolveNames(lookup, '--application-permission', applicationNames, 'application'),
  };
}

async function resolveNames(lookup: ReturnType<typeof createResourceLookup>, flag: string, names: Record<string, string[]>, kind: 'delegated' | 'application'): Promise<ResolvedPermissions[]> {
  const out: ResolvedPermissions[] = [];
  for (const [key, values] of Object.entries(names)) {
    const resource = await lookup.find(key);
    if (resource === 'ambiguous') throw new UsageError(`${flag} "${key}": several applications have this displayName; use the appId`);
    if (resource === undefined) throw new UsageError(`${flag} "${key}": unknown resource: give Microsoft Graph, an appId, an identifier URI or the displayName of an application in the tenant`);
    const { resolved, problems } = resolvePermissionSet(resource, kind === 'delegated' ? { delegated: values } : { application: values });
    if (problems.length > 0) throw new UsageError(problems.map((p) => `${flag} "${key}": ${p.message}`).join('\n'));
    out.push({ ...resolved, key });
  }
  return out;
}

/** By appId or application object id, else by displayName: the tenant's service principals, then every tenant's applications. */
async function findClientApp(directory: Directory, tenant: Tenant, servicePrincipals: readonly ServicePrincipal[], ref: string): Promise<ClientApp> {
  if (isGuid(ref)) {
    const app = (await directory.getApplicationByAppId(ref.toLowerCase())) ?? (await directory.getApplication(ref.toLowerCase()));
    if (app !== undefined) return { appId: app.appId, displayName: app.displayName };
    // A client without a registration here: first-party apps have only service principals.
    const sp = servicePrincipals.find((s) => s.appId === ref.toLowerCase());
    if (sp !== undefined) return { appId: sp.appId, displayName: sp.appDisplayName };
    throw new UsageError(`no application '${ref}' (give its appId, object id or displayName; see \`tessera apps list\`)`);
  }
  let found: ClientApp[] = servicePrincipals.filter((sp) => sp.appDisplayName === ref || sp.displayName === ref).map((sp) => ({ appId: sp.appId, displayName: sp.appDisplayName }));
  if (found.length === 0) {
    for (const t of await directory.listTenants()) {
      found.push(...(await directory.listApplications(t.id)).filter((a) => a.displayName === ref).map((a) => ({ appId: a.appId, displayName: a.displayName })));
    }
  }
  found = found.filter((a, i) => found.findIndex((b) => b.appId === a.appId) === i);
  if (found.length > 1) throw new UsageError(`several applications are named '${ref}': give the appId (${found.map((a) => a.appId).join(', ')})`);
  if (found[0] === undefined) throw new UsageError(`no application '${ref}' in tenant ${tenant.id} or the directory (give its appId, object id or displayName; see \`tessera apps list\`)`);
  return found[0];
}

/** UPN or object id; `alice` means alice@<the tenant's initial domain>, as in environment files. */
async function findUser(directory: Directory, tenant: Tenant, ref: string): Promise<User> {
  const domain = initialDomain(tenant);
  const upn = isGuid(ref) || ref.includes('@') || domain === null ? ref : `${ref}@${domain}`;
  const user = await directory.getUser(tenant.id, upn);
  if (user === undefined) throw new UsageError(`--user: no user '${ref}' in tenant ${tenant.id}`);
  return user;
}
