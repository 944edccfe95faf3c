/**
 * Planning consent entries (protocol.md §14): admin consent of an app in a tenant, or one user's
 * own consent. An app homed in another tenant is only provisioned here through such an entry,
 * and only when its signInAudience lets it in (protocol.md §15.2).
 */
import type { RequiredResourceAccess, SignInAudience } from '../directory/types.js';
import { isGuid } from '../lib/ids.js';
import { resolveRequired } from './plan-applications.js';
import type { Planned } from './plan-groups.js';
import { qualifyUpn } from './plan-tenants.js';
import type { ConsentPlan, Path, PlanContext, TenantPlan } from './plan-types.js';
import type { ResourceLookup } from './resource-lookup.js';
import type { ResolvedPermissions } from './resources.js';
import type { EnvironmentConsent } from './schema.js';

interface Client {
  appId: string;
  displayName: string;
  tenantId: string;
  signInAudience: SignInAudience;
  requiredResourceAccess: RequiredResourceAccess[];
}

/** Plans one tenant's consent entries. */
export async function planConsents(
  ctx: PlanContext,
  tenant: TenantPlan,
  entries: readonly EnvironmentConsent[],
  planned: Planned,
  lookup: ResourceLookup,
): Promise<ConsentPlan[]> {
  const plans: ConsentPlan[] = [];
  for (const [index, entry] of entries.entries()) {
    const path: Path = [...tenant.path, 'consent', index];
    const client = await findClient(ctx, entry.application, planned, [...path, 'application']);
    if (client === undefined) continue;
    if (client.tenantId !== tenant.id && !reaches(client.signInAudience, tenant.kind)) {
      ctx.issues.add([...path, 'application'], `'${client.displayName}' (${client.signInAudience}) cannot be used in this tenant: only multi-tenant apps get a service principal outside their home tenant`);
      continue;
    }
    let userId: string | null = null;
    if (entry.user !== undefined) {
      const upn = qualifyUpn(entry.user, tenant).toLowerCase();
      const user =
        planned.users.find((u) => u.tenantId === tenant.id && (u.id === entry.user?.toLowerCase() || u.userPrincipalName.toLowerCase() === upn)) ??
        (tenant.existing ? await ctx.dir.getUser(tenant.id, isGuid(entry.user) ? entry.user : upn) : undefined);
      if (user === undefined) {
        ctx.issues.add([...path, 'user'], `no user '${entry.user}' in this tenant`);
        continue;
      }
      userId = user.id;
    }
    let grants: ResolvedPermissions[] | 'required';
    if (entry.permissions !== undefined) {
      grants = await resolveRequired(ctx, lookup, entry.permissions, [...path, 'permissions'], { delegatedOnly: userId !== null });
      // protocol.md §14.1: application permissions are consented by an admin only.
      for (const g of grants) {
        if (userId !== null && g.roles.length > 0) ctx.issues.add([...path, 'permissions', g.key ?? g.resource.displayName], 'a user consents to delegated permissions only; application permissions need admin consent (no user)');
      }
    } else if (userId === null) {
      grants = 'required';
    } else {
      grants = await delegatedRequired(lookup, client.requiredResourceAccess);
      if (grants.length === 0) ctx.issues.add([...path, 'permissions'], `'${client.displayName}' requires no delegated permissions; list the permissions the user consents to`);
    }
    plans.push({ path, tenantId: tenant.id, clientAppId: client.appId, clientDisplayName: client.displayName, userId, grants });
  }
  return plans;
}

/** protocol.md §15.2 signInAudience: which tenants an app may be provisioned in besides its home. */
function reaches(audience: SignInAudience, kind: 'organization' | 'consumers'): boolean {
  if (kind === 'consumers') return audience === 'AzureADandPersonalMicrosoftAccount' || audience === 'PersonalMicrosoftAccount';
  return audience === 'AzureADMultipleOrgs' || audience === 'AzureADandPersonalMicrosoftAccount';
}

async function findClient(ctx: PlanContext, ref: string, planned: Planned, path: Path): Promise<Client | undefined> {
  const lower = ref.toLowerCase();
  const byAppId = planned.applications.find((a) => a.appId === lower);
  const byName = planned.applications.filter((a) => a.displayName === ref);
  if (byAppId === undefined && byName.length > 1) {
    ctx.issues.add(path, 'several applications in the file have this displayName; use the appId');
    return undefined;
  }
  const local = byAppId ?? byName[0];
  if (local) return { appId: local.appId, displayName: local.displayName, tenantId: local.tenantId, signInAudience: local.signInAudience, requiredResourceAccess: local.requiredResourceAccess };
  const app = isGuid(ref) ? await ctx.dir.getApplicationByAppId(lower) : undefined;
  if (app === undefined) {
    ctx.issues.add(path, `no application '${ref}' in the file or the directory`);
    return undefined;
  }
  return { appId: app.appId, displayName: app.displayName, tenantId: app.tenantId, signInAudience: app.signInAudience, requiredResourceAccess: app.requiredResourceAccess };
}

/** The delegated part of an app's requiredResourceAccess, as resolved permissions. */
async function delegatedRequired(lookup: ResourceLookup, required: readonly RequiredResourceAccess[]): Promise<ResolvedPermissions[]> {
  const out: ResolvedPermissions[] = [];
  for (const entry of required) {
    const resource = await lookup.byAppId(entry.resourceAppId);
    if (resource === undefined) continue;
    const ids = new Set(entry.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id));
    const scopes = resource.scopes.filter((s) => ids.has(s.id));
    if (scopes.length > 0) out.push({ resource, roles: [], scopes });
  }
  return out;
}
