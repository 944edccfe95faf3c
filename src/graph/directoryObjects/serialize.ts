/**
 * Members of `directoryObject` collections (graph.md §2.2): each with its `@odata.type`, and
 * with "limited information" (only `@odata.type` and `id`, other properties null) when the
 * caller may list the relationship but not read that type.
 */
import type { DirectoryObject, Group, ServicePrincipal, User } from '../../directory/types.js';
import type { GraphPrincipal } from '../auth/principal.js';
import { accessOf } from '../authorize.js';
import { groupSchema } from '../groups/schema.js';
import { project } from '../odata/schema.js';
import type { AccessLevel } from '../permissions.js';
import { servicePrincipalSchema } from '../servicePrincipals/schema.js';
import { USER_BASIC_PROPERTIES, userSchema } from '../users/schema.js';

export const DIRECTORY_OBJECT_TYPE = 'microsoft.graph.directoryObject';

/** A property of any member type, in canonical spelling (for `$select` on directoryObjects). */
export function directoryObjectProperty(name: string): string | undefined {
  return userSchema.canonical(name) ?? groupSchema.canonical(name) ?? servicePrincipalSchema.canonical(name);
}

export interface MemberAccess {
  user: AccessLevel;
  group: AccessLevel;
  servicePrincipal: AccessLevel;
}

export function memberAccessOf(principal: GraphPrincipal): MemberAccess {
  return {
    user: accessOf(principal, 'users.read'),
    group: accessOf(principal, 'groups.read'),
    servicePrincipal: accessOf(principal, 'servicePrincipals.read'),
  };
}

const onlyId = (name: string) => name === 'id';
const basicUser = (name: string) => USER_BASIC_PROPERTIES.has(name);

function visibility(level: AccessLevel, limited: (name: string) => boolean): ((name: string) => boolean) | undefined {
  if (level === 'full') return undefined;
  return level === 'limited' ? limited : onlyId;
}

export function directoryObjectJson(object: DirectoryObject, select: readonly string[] | null, access: MemberAccess): Record<string, unknown> {
  const type = object['@odata.type'];
  switch (type) {
    case '#microsoft.graph.user':
      return { '@odata.type': type, ...project<User>(object, userSchema, select ?? userSchema.defaultProperties, visibility(access.user, basicUser)) };
    case '#microsoft.graph.group':
      return { '@odata.type': type, ...project<Group>(object, groupSchema, select ?? groupSchema.defaultProperties, visibility(access.group, onlyId)) };
    case '#microsoft.graph.servicePrincipal':
      return {
        '@odata.type': type,
        ...project<ServicePrincipal>(object, servicePrincipalSchema, select ?? servicePrincipalSchema.defaultProperties, visibility(access.servicePrincipal, onlyId)),
      };
  }
}
