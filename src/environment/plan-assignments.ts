/**
 * Planning an application's `appRoleAssignments`: users and groups assigned to its home-tenant
 * service principal (protocol.md §14.2 — the role's value appears in their `roles`; with
 * `appRoleAssignmentRequired`, only they may sign in, §15.2). A principal is named like a group
 * member (plan-groups.ts): user principal name, group displayName or object id; an application
 * is refused (application permissions are consent entries).
 */
import { DEFAULT_ACCESS_ROLE_ID } from '../directory/consent.js';
import { isGuid } from '../lib/ids.js';
import { resolveMember, type Planned } from './plan-groups.js';
import type { AppPlan, AssignmentPlan, Path, PlanContext, TenantPlan } from './plan-types.js';
import type { EnvironmentAppRoleAssignment } from './schema.js';

/** Plans the assignments `entries` of `app` (an application of `tenant`). */
export async function planAssignments(ctx: PlanContext, tenant: TenantPlan, app: AppPlan, entries: readonly EnvironmentAppRoleAssignment[], planned: Planned): Promise<AssignmentPlan[]> {
  const plans: AssignmentPlan[] = [];
  for (const [index, entry] of entries.entries()) {
    const path: Path = [...app.path, 'appRoleAssignments', index];
    let appRoleId = DEFAULT_ACCESS_ROLE_ID;
    if (entry.role !== undefined) {
      const wanted = entry.role.toLowerCase();
      const role = app.definition.appRoles.find((r) => r.value.toLowerCase() === wanted);
      if (role === undefined) {
        ctx.issues.add([...path, 'role'], `'${app.displayName}' has no app role '${entry.role}'`);
        continue;
      }
      if (!role.allowedMemberTypes.includes('User')) {
        ctx.issues.add([...path, 'role'], `app role '${role.value}' is not assignable to users and groups (allowedMemberTypes lacks 'User')`);
        continue;
      }
      appRoleId = role.id;
    }
    const member = await resolveMember(ctx, tenant, entry.principal, planned);
    const principalType = member?.objectId ? await typeOf(ctx, tenant, member.objectId, planned) : undefined;
    if (member === undefined || member.objectId === null || principalType === undefined) {
      ctx.issues.add([...path, 'principal'], `no user or group '${entry.principal}' in this tenant`);
      continue;
    }
    const duplicate = plans.some((p) => p.principalId === member.objectId && p.appRoleId === appRoleId);
    if (!duplicate) plans.push({ path, tenantId: tenant.id, appId: app.appId, principalId: member.objectId, principalType, appRoleId });
  }
  return plans;
}

async function typeOf(ctx: PlanContext, tenant: TenantPlan, id: string, planned: Planned): Promise<'User' | 'Group' | undefined> {
  if (planned.users.some((u) => u.tenantId === tenant.id && u.id === id)) return 'User';
  if (planned.groups.some((g) => g.tenantId === tenant.id && g.id === id)) return 'Group';
  if (tenant.existing === undefined || !isGuid(id)) return undefined;
  if ((await ctx.dir.getUser(tenant.id, id)) !== undefined) return 'User';
  if ((await ctx.dir.getGroup(tenant.id, id)) !== undefined) return 'Group';
  return undefined;
}
