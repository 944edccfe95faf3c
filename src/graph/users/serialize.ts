/** A user as Graph returns it: the selected (or default) properties, basic only when limited. */
import type { User } from '../../directory/types.js';
import { project } from '../odata/schema.js';
import { USER_BASIC_PROPERTIES, userSchema } from './schema.js';

const isBasic = (name: string) => USER_BASIC_PROPERTIES.has(name);

/** `level` `limited` (User.ReadBasic.All) answers non-basic properties as null (graph.md §2.1). */
export function userJson(user: User, select: readonly string[] | null, level: 'full' | 'limited'): Record<string, unknown> {
  return project(user, userSchema, select ?? userSchema.defaultProperties, level === 'limited' ? isBasic : undefined);
}
