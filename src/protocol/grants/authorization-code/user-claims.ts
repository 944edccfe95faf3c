/**
 * The user's `roles` and groups claims for one token (protocol.md §14.2 "token-time
 * evaluation"; tokens.md §4.1, §9.1): the app roles assigned to the user, directly or through a
 * group it is a direct member of, on the token's *audience* — the resource's service principal
 * for an access token, the client's for an ID token — and the groups its `groupMembershipClaims`
 * asks for.
 */
import type { User } from '../../../directory/types.js';
import type { AppDeps } from '../../../server/deps.js';
import { groupClaims, wantsGroups } from '../../../tokens/claims/groups.js';

export interface UserAppClaims {
  roles: string[];
  groupClaims: Record<string, unknown>;
}

export async function userAppClaims(deps: AppDeps, tenantId: string, user: Pick<User, 'id'>, audienceSpId: string | undefined, groupMembershipClaims: string | null, frontChannel: boolean): Promise<UserAppClaims> {
  const [access, groups] = await Promise.all([
    audienceSpId === undefined ? undefined : deps.directory.userAppAccess(tenantId, user.id, audienceSpId),
    wantsGroups(groupMembershipClaims) ? deps.directory.userGroups(tenantId, user.id) : [],
  ]);
  return {
    roles: [...(access?.roles ?? [])],
    groupClaims: groupClaims({
      setting: groupMembershipClaims,
      groups,
      assignedGroupIds: access?.assignedGroupIds ?? [],
      tenantId,
      userId: user.id,
      frontChannel,
    }),
  };
}
