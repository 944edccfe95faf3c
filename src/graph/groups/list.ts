/** `GET /groups` and `GET /groups/$count` (graph.md §2.2, §1.5, §1.6). */
import { requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { countCollection, listCollection } from '../odata/collection.js';
import { project } from '../odata/schema.js';
import { parseSelect } from '../odata/select.js';
import { groupSchema } from './schema.js';

export async function listGroups(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'groups.read');
  const select = parseSelect(ctx.query.values.select, groupSchema.canonical, groupSchema.typeName);
  const { directory } = ctx.deps;
  return listCollection(ctx, {
    entitySet: groupSchema.entitySet,
    select,
    filter: groupSchema,
    list: (query) => directory.listGroups(ctx.principal.tenantId, query),
    serialize: (group) => project(group, groupSchema, select ?? groupSchema.defaultProperties),
  });
}

export async function countGroups(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'groups.read');
  const { directory } = ctx.deps;
  return countCollection(ctx, { filter: groupSchema, list: (query) => directory.listGroups(ctx.principal.tenantId, query) });
}
