/**
 * Which Microsoft Graph permissions each operation accepts (graph.md §2, §4.1 step 5), in one
 * table. `full` permissions read everything the operation returns; `limited` ones are accepted
 * but see less (User.ReadBasic.All: the basic profile; delegated User.Read on /organization:
 * id, displayName, verifiedDomains). App-only tokens are checked against `roles`, delegated
 * tokens against `scp`.
 */

export type GraphOperation =
  | 'users.read'
  | 'me.read'
  | 'organization.read'
  | 'groups.read'
  | 'groups.members.read'
  | 'servicePrincipals.read';

export type AccessLevel = 'full' | 'limited' | 'none';

interface Accepted {
  full: readonly string[];
  limited: readonly string[];
}

export interface OperationPermissions {
  application: Accepted;
  delegated: Accepted;
}

// graph.md §4.4: Directory.AccessAsUser.All (delegated) satisfies every directory operation,
// bounded by the user's own rights (authorize.ts).
const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'] as const;
const AS_USER = 'Directory.AccessAsUser.All';

/** The table (graph.md §2.1 user, §2.2 group, §2.3 organization, §2.6 servicePrincipal). */
export const GRAPH_PERMISSIONS: Readonly<Record<GraphOperation, OperationPermissions>> = {
  'users.read': {
    application: { full: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ], limited: ['User.ReadBasic.All'] },
    delegated: { full: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ, AS_USER], limited: ['User.ReadBasic.All'] },
  },
  // /me needs a delegated token (§4.1 step 4); User.Read reads one's own full default profile.
  'me.read': {
    application: { full: [], limited: [] },
    delegated: {
      full: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ, AS_USER],
      limited: ['User.ReadBasic.All'],
    },
  },
  'organization.read': {
    application: { full: ['Organization.Read.All', 'Organization.ReadWrite.All', ...DIRECTORY_READ], limited: [] },
    delegated: { full: ['Organization.Read.All', 'Organization.ReadWrite.All', ...DIRECTORY_READ, AS_USER], limited: ['User.Read'] },
  },
  'groups.read': {
    application: {
      full: ['Group.ReadBasic.All', 'GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ],
      limited: [],
    },
    delegated: {
      full: ['Group.ReadBasic.All', 'GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ, AS_USER],
      limited: [],
    },
  },
  'groups.members.read': {
    application: {
      full: ['GroupMember.ReadBasic.All', 'GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ],
      limited: [],
    },
    delegated: {
      full: ['GroupMember.ReadBasic.All', 'GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ, AS_USER],
      limited: [],
    },
  },
  // Reading service principals (members of type servicePrincipal, graph.md §2.6).
  'servicePrincipals.read': {
    application: { full: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ], limited: [] },
    delegated: { full: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ, AS_USER], limited: [] },
  },
};

/** How much of `operation` a token with `granted` permissions may see. */
export function accessLevel(operation: GraphOperation, kind: 'app' | 'delegated', granted: ReadonlySet<string>): AccessLevel {
  const accepted = kind === 'app' ? GRAPH_PERMISSIONS[operation].application : GRAPH_PERMISSIONS[operation].delegated;
  if (accepted.full.some((p) => granted.has(p))) return 'full';
  if (accepted.limited.some((p) => granted.has(p))) return 'limited';
  return 'none';
}

/**
 * Updating a user (graph.md §2.1 "Update user"): which permissions let a token set a property,
 * by token kind and by whether the target is the signed-in user. The general permissions cover
 * every property; the property-scoped ones (User-Phone.ReadWrite.All, User.EnableDisableAccount.All)
 * only theirs. Delegated grants are then bounded by the user's own rights (authorize.ts).
 */
export type UserUpdateTarget = 'self' | 'other';

const USER_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'] as const;
const PROPERTY_SCOPED: Readonly<Record<string, readonly string[]>> = {
  businessPhones: ['User-Phone.ReadWrite.All'],
  mobilePhone: ['User-Phone.ReadWrite.All'],
  accountEnabled: ['User.EnableDisableAccount.All'],
};

/** The permissions that let a token of `kind` set `property` on a `target` user. */
export function userUpdatePermissions(kind: 'app' | 'delegated', target: UserUpdateTarget, property: string): readonly string[] {
  const scoped = PROPERTY_SCOPED[property] ?? [];
  if (kind === 'app') return [...USER_WRITE, ...scoped];
  // graph.md §2.1: User.ReadWrite is the self-service permission (PATCH /me); §4.4:
  // Directory.AccessAsUser.All acts with exactly the user's rights.
  return target === 'self' ? ['User.ReadWrite', ...USER_WRITE, AS_USER, ...scoped] : [...USER_WRITE, AS_USER, ...scoped];
}

/** Does `granted` let a token of `kind` set `property` on a `target` user? */
export function mayUpdateProperty(kind: 'app' | 'delegated', target: UserUpdateTarget, property: string, granted: ReadonlySet<string>): boolean {
  return userUpdatePermissions(kind, target, property).some((p) => granted.has(p));
}

/** Does `granted` hold any permission that updates some `target` user (the check before the body is read)? */
export function mayUpdateSomeUser(kind: 'app' | 'delegated', target: UserUpdateTarget, granted: ReadonlySet<string>): boolean {
  return Object.keys(PROPERTY_SCOPED).concat('displayName').some((property) => mayUpdateProperty(kind, target, property, granted));
}
