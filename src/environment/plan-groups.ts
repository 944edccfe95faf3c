/**
 * Planning groups (matched by id, else displayName in the tenant) and their members. A member is
 * named by object id, user principal name, group displayName or application displayName (its
 * service principal in the tenant), among the file's objects first, then the directory's.
 */
import type { Directory } from '../directory/directory.js';
import { isGuid, newGuid } from '../lib/ids.js';
import type { AppPlan, GroupPlan, MemberPlan, Path, PlanContext, TenantPlan, UserPlan } from './plan-types.js';
import { qualifyUpn } from './plan-tenants.js';
import type { EnvironmentGroup } from './schema.js';

/** The file's planned objects, for resolving references. */
export interface Planned {
  users: readonly UserPlan[];
  applications: readonly AppPlan[];
  groups: readonly GroupPlan[];
}

/** Plans one tenant's groups (members are resolved by {@link planMembers} once all groups are known). */
export async function planGroups(ctx: PlanContext, tenant: TenantPlan, groups: readonly EnvironmentGroup[]): Promise<GroupPlan[]> {
  const plans: GroupPlan[] = [];
  for (const [index, g] of groups.entries()) {
    const path: Path = [...tenant.path, 'groups', index];
    if (plans.some((p) => p.displayName === g.displayName)) {
      ctx.issues.add([...path, 'displayName'], 'duplicate group displayName in this tenant');
      continue;
    }
    const existing = tenant.existing === undefined ? undefined : await findGroup(ctx.dir, tenant.id, g);
    const id = existing?.id ?? g.id?.toLowerCase() ?? newGuid();
    plans.push({
      path,
      tenantId: tenant.id,
      id,
      displayName: g.displayName,
      existing,
      create: existing
        ? null
        : {
            id,
            displayName: g.displayName,
            description: g.description ?? null,
            mailNickname: g.mailNickname ?? (g.displayName.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'group'),
            mailEnabled: g.mailEnabled ?? false,
            securityEnabled: g.securityEnabled ?? true,
            groupTypes: g.groupTypes ?? [],
          },
      members: [],
    });
  }
  return plans;
}

async function findGroup(dir: Directory, tenantId: string, g: EnvironmentGroup) {
  if (g.id !== undefined) {
    const byId = await dir.getGroup(tenantId, g.id.toLowerCase());
    if (byId !== undefined) return byId;
  }
  const page = await dir.listGroups(tenantId, { top: 1, filter: { op: 'eq', property: 'displayName', value: g.displayName } });
  return page.items[0];
}

/** Resolves the members of `group` (declared as `refs`) and marks the ones already in it. */
export async function planMembers(ctx: PlanContext, tenant: TenantPlan, group: GroupPlan, refs: readonly string[], planned: Planned): Promise<void> {
  const current = group.existing === undefined ? new Set<string>() : await memberIds(ctx.dir, tenant.id, group.id);
  for (const [index, ref] of refs.entries()) {
    const path: Path = [...group.path, 'members', index];
    const member = await resolveMember(ctx, tenant, ref, planned);
    if (member === undefined) {
      ctx.issues.add(path, `no user, group or application '${ref}' in this tenant`);
      continue;
    }
    if (member.objectId === group.id) {
      ctx.issues.add(path, 'a group cannot be a member of itself');
      continue;
    }
    let exists = member.objectId !== null && current.has(member.objectId);
    if (member.appId !== null && group.existing !== undefined) {
      const sp = await ctx.dir.getServicePrincipalByAppId(tenant.id, member.appId);
      exists = sp !== undefined && current.has(sp.id);
    }
    group.members.push({ path, ...member, exists });
  }
}

async function memberIds(dir: Directory, tenantId: string, groupId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await dir.listGroupMembers(tenantId, groupId, { top: 999, cursor });
    for (const m of page.items) ids.add(m.id);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

type Member = Omit<MemberPlan, 'path' | 'exists'>;

/** A member (or assignee) named by id, UPN, group or application displayName; undefined when none. */
export async function resolveMember(ctx: PlanContext, tenant: TenantPlan, ref: string, planned: Planned): Promise<Member | undefined> {
  const inTenant = <T extends { tenantId: string }>(list: readonly T[]) => list.filter((x) => x.tenantId === tenant.id);
  const users = inTenant(planned.users);
  const groups = inTenant(planned.groups);
  const apps = inTenant(planned.applications);
  const byId = (id: string): Member => ({ objectId: id, appId: null });
  if (isGuid(ref)) {
    const id = ref.toLowerCase();
    if (users.some((u) => u.id === id) || groups.some((g) => g.id === id)) return byId(id);
    const app = apps.find((a) => a.appId === id);
    if (app) return { objectId: null, appId: app.appId };
    if (tenant.existing === undefined) return undefined;
    const found = (await ctx.dir.getUser(tenant.id, id)) ?? (await ctx.dir.getGroup(tenant.id, id)) ?? (await ctx.dir.getServicePrincipal(tenant.id, id));
    if (found) return byId(found.id);
    const sp = await ctx.dir.getServicePrincipalByAppId(tenant.id, id);
    return sp ? byId(sp.id) : undefined;
  }
  if (ref.includes('@') || !ref.includes(' ')) {
    const upn = qualifyUpn(ref, tenant).toLowerCase();
    const user = users.find((u) => u.userPrincipalName.toLowerCase() === upn) ?? (tenant.existing ? await ctx.dir.getUser(tenant.id, upn) : undefined);
    if (user) return byId(user.id);
    if (ref.includes('@')) return undefined;
  }
  const group = groups.find((g) => g.displayName === ref);
  if (group) return byId(group.id);
  const app = apps.find((a) => a.displayName === ref);
  if (app) return { objectId: null, appId: app.appId };
  if (tenant.existing === undefined) return undefined;
  const dbGroup = (await ctx.dir.listGroups(tenant.id, { top: 1, filter: { op: 'eq', property: 'displayName', value: ref } })).items[0];
  if (dbGroup) return byId(dbGroup.id);
  const sp = (await ctx.dir.listServicePrincipals(tenant.id)).find((s) => s.displayName === ref);
  return sp ? byId(sp.id) : undefined;
}
