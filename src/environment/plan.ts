/**
 * Resolve a validated environment against the directory into an {@link EnvironmentPlan}: reads
 * only (apart from repairing the always-present consumers tenant). Every unresolved reference is
 * collected with its path and thrown together, before anything is written.
 */
import type { Directory } from '../directory/directory.js';
import { IssueList } from './errors.js';
import { planApplications } from './plan-applications.js';
import { planAssignments } from './plan-assignments.js';
import { planConsents } from './plan-consent.js';
import { planGroups, planMembers } from './plan-groups.js';
import { planTenants, planUsers } from './plan-tenants.js';
import type { AssignmentPlan, EnvironmentPlan, GroupPlan, PlanContext, UserPlan } from './plan-types.js';
import type { Environment } from './schema.js';

/** Plans `env` against `dir` (a transaction-bound directory, so reads and writes agree). */
export async function planEnvironment(dir: Directory, env: Environment, options: { baseDir: string; source?: string }): Promise<EnvironmentPlan> {
  const ctx: PlanContext = { dir, issues: new IssueList(), baseDir: options.baseDir };
  const tenants = await planTenants(ctx, env.tenants);
  const byPath = new Map(tenants.map((t) => [t.path[1] as number, t]));
  const withInput = env.tenants.flatMap((input, index) => {
    const plan = byPath.get(index);
    return plan ? [{ plan, input }] : [];
  });

  const users: UserPlan[] = [];
  const groups: GroupPlan[] = [];
  for (const { plan, input } of withInput) {
    users.push(...(await planUsers(ctx, plan, input.users ?? [])));
    groups.push(...(await planGroups(ctx, plan, input.groups ?? [])));
  }
  const { applications, lookup, warnings } = await planApplications(
    ctx,
    withInput.map(({ plan, input }) => ({ plan, applications: input.applications ?? [] })),
  );
  const planned = { users, applications, groups };
  const consents = [];
  const assignments: AssignmentPlan[] = [];
  for (const { plan, input } of withInput) {
    const tenantGroups = groups.filter((g) => g.tenantId === plan.id);
    for (const group of tenantGroups) {
      const index = group.path[3] as number;
      await planMembers(ctx, plan, group, input.groups?.[index]?.members ?? [], planned);
    }
    consents.push(...(await planConsents(ctx, plan, input.consent ?? [], planned, lookup)));
    for (const app of applications.filter((a) => a.tenantId === plan.id)) {
      const entries = input.applications?.[app.path[3] as number]?.appRoleAssignments ?? [];
      assignments.push(...(await planAssignments(ctx, plan, app, entries, planned)));
    }
  }
  for (const u of users) {
    if (u.existing === undefined) continue;
    // The Directory has no update methods yet: an existing user keeps its roles and MFA setting.
    const stale = u.roles.some((r) => !u.existing?.directoryRoles.includes(r)) || u.mfa !== u.existing.mfa.required;
    if (stale) warnings.push(`${u.userPrincipalName} already exists; changes to existing users are not applied`);
  }
  ctx.issues.throwIfAny(options.source);
  return { tenants, users, applications, groups, consents, assignments, warnings };
}
