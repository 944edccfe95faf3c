/**
 * A user's access to one app through app role assignments (protocol.md §14.2, §15.2
 * `appRoleAssignmentRequired`) and the groups the user belongs to (tokens.md §4.1 `groups`).
 *
 * protocol.md §14.2 [D]: a group's assignment covers its *direct* members only, so roles and
 * "is assigned" look at the user and the groups it is directly in. The `groups` claim lists
 * every group the user is in, nested ones too (Entra's groups claim is transitive [D]).
 */
import { isGuid } from '../lib/ids.js';
import type { Queries } from '../storage/queries/index.js';
import type { DirectoryContext } from './context.js';
import { toServicePrincipal } from './service-principals.js';

/** One group of the user, as the `groups` claim filters them (`SecurityGroup` vs `All`). */
export interface UserGroup {
  id: string;
  securityEnabled: boolean;
}

/** What a user holds on one resource service principal. */
export interface UserAppAccess {
  /** Any assignment (a role or default access), directly or through a group it is directly in. */
  assigned: boolean;
  /** Values of the enabled app roles assigned that way (the `roles` claim). */
  roles: string[];
  /** The user's groups (transitive) that hold an assignment on the resource (`ApplicationGroup`). */
  assignedGroupIds: string[];
}

const NO_ACCESS: UserAppAccess = { assigned: false, roles: [], assignedGroupIds: [] };

/** Guards against a membership cycle written behind the directory's back. */
const MAX_DEPTH = 64;

/** Direct group ids, then every group reached through them (breadth-first, cycle-safe). */
async function memberships(q: Queries, userId: string): Promise<{ direct: string[]; all: string[] }> {
  const direct = await q.groups.groupIdsOfAny([userId]);
  const seen = new Set(direct);
  let frontier = direct;
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
    const next = (await q.groups.groupIdsOfAny(frontier)).filter((id) => !seen.has(id));
    for (const id of next) seen.add(id);
    frontier = next;
  }
  return { direct, all: [...seen] };
}

/** Directory methods for user/group assignment and group claims. */
export function assignmentOperations(ctx: DirectoryContext) {
  async function userAppAccess(tenantId: string, userId: string, resourceSpId: string): Promise<UserAppAccess> {
    if (!isGuid(userId) || !isGuid(resourceSpId)) return NO_ACCESS;
    return ctx.read(async (q) => {
      const record = await q.servicePrincipals.findById(tenantId, resourceSpId.toLowerCase());
      if (record === undefined) return NO_ACCESS;
      const user = userId.toLowerCase();
      const groups = await memberships(q, user);
      const rows = await q.consent.assignmentsOnResource(tenantId, [user, ...groups.all], record.row.id);
      const counting = new Set([user, ...groups.direct]);
      const effective = rows.filter((r) => counting.has(r.principalId));
      const roleIds = new Set(effective.map((r) => r.appRoleId));
      const roles = toServicePrincipal(record).appRoles.filter((r) => r.isEnabled && roleIds.has(r.id)).map((r) => r.value);
      const assignedGroupIds = [...new Set(rows.filter((r) => r.principalId !== user).map((r) => r.principalId))].sort();
      return { assigned: effective.length > 0, roles: [...new Set(roles)], assignedGroupIds };
    });
  }

  async function userGroups(tenantId: string, userId: string): Promise<UserGroup[]> {
    if (!isGuid(userId)) return [];
    return ctx.read(async (q) => {
      const { all } = await memberships(q, userId.toLowerCase());
      const groups = await q.groups.findManyByIds(tenantId, all);
      return groups.map((g) => ({ id: g.id, securityEnabled: g.securityEnabled })).sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  /** Deletes an app role assignment by id; false when there was none. */
  async function removeAppRoleAssignmentById(tenantId: string, assignmentId: string): Promise<boolean> {
    return ctx.write((q) => q.consent.deleteAssignmentById(tenantId, assignmentId));
  }

  return { userAppAccess, userGroups, removeAppRoleAssignmentById };
}
