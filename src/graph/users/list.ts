/** `GET /users` and `GET /users/$count` (graph.md §2.1, §1.5, §1.6). */
import { delegatedUserIsGuest, requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { countCollection, listCollection } from '../odata/collection.js';
import { parseSelect } from '../odata/select.js';
import { userSchema } from './schema.js';
import { userJson } from './serialize.js';

export async function listUsers(ctx: GraphContext): Promise<GraphResult> {
  const level = requireAccess(ctx.principal, 'users.read');
  if (await delegatedUserIsGuest(ctx)) throw graphErrors.requestDenied();
  const select = parseSelect(ctx.query.values.select, userSchema.canonical, userSchema.typeName);
  const { directory } = ctx.deps;
  return listCollection(ctx, {
    entitySet: userSchema.entitySet,
    select,
    filter: userSchema,
    list: (query) => directory.listUsers(ctx.principal.tenantId, query),
    serialize: (user) => userJson(user, select, level),
  });
}

export async function countUsers(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'users.read');
  if (await delegatedUserIsGuest(ctx)) throw graphErrors.requestDenied();
  const { directory } = ctx.deps;
  return countCollection(ctx, { filter: userSchema, list: (query) => directory.listUsers(ctx.principal.tenantId, query) });
}
