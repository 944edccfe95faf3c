/**
 * `PATCH /me` (graph.md §2.1, self: User.ReadWrite): the signed-in user of a delegated token
 * updates their own profile; 204 No Content. App-only tokens never get here (plugin: the /me
 * 400 of graph.md §4.1 step 4).
 */
import { requireSomeUserUpdate } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { parseUserPatch } from '../users/patch-body.js';
import { applyUserPatch } from '../users/patch.js';

export async function patchMe(ctx: GraphContext): Promise<GraphResult> {
  const { principal } = ctx;
  if (principal.kind === 'app') throw graphErrors.meRequiresDelegated();
  requireSomeUserUpdate(principal, 'self');
  const parsed = parseUserPatch(jsonBody(ctx));
  const me = await ctx.deps.directory.getUser(principal.tenantId, principal.objectId);
  if (me === undefined) throw graphErrors.resourceNotFound(principal.objectId);
  return applyUserPatch(ctx, me, parsed);
}
