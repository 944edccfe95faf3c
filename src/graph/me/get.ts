/**
 * `GET /me` (graph.md §2.1, §4.1 step 4): the signed-in user of a delegated token, by its `oid`.
 * App-only tokens never get here: the plugin answers any `/me…` path with the 400 of §4.
 */
import { requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { refuseExpand } from '../odata/options.js';
import { parseSelect } from '../odata/select.js';
import { userEntity } from '../users/get.js';
import { userSchema } from '../users/schema.js';

export async function getMe(ctx: GraphContext): Promise<GraphResult> {
  const { principal } = ctx;
  if (principal.kind === 'app') throw graphErrors.meRequiresDelegated();
  const level = requireAccess(principal, 'me.read');
  const select = parseSelect(ctx.query.values.select, userSchema.canonical, userSchema.typeName);
  refuseExpand(ctx);
  const user = await ctx.deps.directory.getUser(principal.tenantId, principal.objectId);
  if (user === undefined) throw graphErrors.resourceNotFound(principal.objectId);
  // graph.md §1.4: /me answers with the users entity set's context.
  return userEntity(ctx, user, select, level);
}
