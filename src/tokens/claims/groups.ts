/**
 * The `groups` claim and its overage forms (tokens.md §4.1 `groups`, `hasgroups`; §9.1 for ID
 * tokens), decided by the `groupMembershipClaims` of the app the token is for (protocol.md
 * §15.2): the resource for access tokens, the client for ID tokens. Pure.
 *
 * - `SecurityGroup`: the user's security groups; `All`: every group (security and Microsoft 365
 *   / distribution); `ApplicationGroup`: only the groups assigned to the app [U];
 *   `DirectoryRole` and `None`: no `groups` (DirectoryRole means `wids`, see delegated.ts).
 * - Overage: more than 200 groups in a JWT → no `groups`, `_claim_names`/`_claim_sources`
 *   pointing at the user's getMemberObjects; tokens from `/authorize` (implicit and hybrid,
 *   carried in a URL) overflow at 6 → `hasgroups: true` instead.
 */

export const JWT_GROUP_LIMIT = 200;
/** tokens.md §4.1: "6 or more in implicit-flow tokens". */
export const FRONT_CHANNEL_GROUP_LIMIT = 5;

export interface GroupClaimsInput {
  /** The app's `groupMembershipClaims` (null = None). */
  setting: string | null;
  /** Every group of the user, nested ones included (directory `userGroups`). */
  groups: ReadonlyArray<{ id: string; securityEnabled: boolean }>;
  /** The user's groups holding an assignment on the app (`ApplicationGroup`). */
  assignedGroupIds: readonly string[];
  tenantId: string;
  userId: string;
  /** Minted at `/authorize` (implicit / hybrid): the URL-sized limit and `hasgroups`. */
  frontChannel: boolean;
}

/** Does this setting ever put groups in a token (so the caller may skip the lookup)? */
export function wantsGroups(setting: string | null): boolean {
  return setting === 'SecurityGroup' || setting === 'All' || setting === 'ApplicationGroup';
}

/** The group ids the setting selects, sorted. */
export function selectGroups(input: Pick<GroupClaimsInput, 'setting' | 'groups' | 'assignedGroupIds'>): string[] {
  switch (input.setting) {
    case 'SecurityGroup': return input.groups.filter((g) => g.securityEnabled).map((g) => g.id);
    case 'All': return input.groups.map((g) => g.id);
    case 'ApplicationGroup': {
      const assigned = new Set(input.assignedGroupIds);
      return input.groups.filter((g) => assigned.has(g.id)).map((g) => g.id);
    }
    default: return [];
  }
}

/** The claims to merge into the payload: `{}`, `{ groups }`, `{ hasgroups }` or the overage pair. */
export function groupClaims(input: GroupClaimsInput): Record<string, unknown> {
  const ids = selectGroups(input);
  if (ids.length === 0) return {};
  if (input.frontChannel && ids.length > FRONT_CHANNEL_GROUP_LIMIT) return { hasgroups: true };
  if (ids.length > JWT_GROUP_LIMIT) {
    // ENTRA-COMPAT: Entra's documented overage source is the user's getMemberObjects on the
    // Azure AD Graph host; apps (Microsoft.Identity.Web) only test for `_claim_names.groups`
    // and then ask Microsoft Graph for the memberships.
    return {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: `https://graph.windows.net/${input.tenantId}/users/${input.userId}/getMemberObjects` } },
    };
  }
  return { groups: ids };
}
