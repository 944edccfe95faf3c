/**
 * `GET /users/{id | userPrincipalName}` (graph.md §2.1). Lookups stay inside the caller's tenant:
 * another tenant's object is 404, never 403 (graph.md §4.1 step 8).
 */
import type { User } from '../../directory/types.js';
import { accessOf, delegatedUserIsGuest } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { entityContext } from '../odata/context-url.js';
import { refuseExpand } from '../odata/options.js';
import { parseSelect } from '../odata/select.js';
import { userKey } from './key.js';
import { userSchema } from './schema.js';
import { userJson } from './serialize.js';

/** The entity body of `user` with `@odata.context` first (seed 001). */
export function userEntity(ctx: GraphContext, user: User, select: readonly string[] | null, level: 'full' | 'limited'): GraphResult {
  return { json: { '@odata.context': entityContext(ctx, userSchema.entitySet, select), ...userJson(user, select, level) } };
}

export async function getUser(ctx: GraphContext): Promise<GraphResult> {
  const { principal } = ctx;
  let level = accessOf(principal, 'users.read');
  // graph.md §2.1: a signed-in user may read their own profile with User.Read.
  const self = level === 'none' ? accessOf(principal, 'me.read') : 'none';
  if (level === 'none' && self === 'none') throw graphErrors.requestDenied();
  const select = parseSelect(ctx.query.values.select, userSchema.canonical, userSchema.typeName);
  refuseExpand(ctx);
  const key = userKey(ctx.params.id ?? '');
  const user = await ctx.deps.directory.getUser(principal.tenantId, key);
  if (level === 'none') {
    if (user?.id !== principal.objectId) throw graphErrors.requestDenied();
    level = self;
  }
  if (user === undefined) throw graphErrors.resourceNotFound(key);
  // A guest reads others' basic profile whatever the scope (graph.md §4.1 step 6).
  if (level === 'full' && user.id !== principal.objectId && (await delegatedUserIsGuest(ctx))) level = 'limited';
  return userEntity(ctx, user, select, level === 'limited' ? 'limited' : 'full');
}
