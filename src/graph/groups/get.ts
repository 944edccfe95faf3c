/** `GET /groups/{id}` (graph.md §2.2); another tenant's group is 404. */
import { requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { entityContext } from '../odata/context-url.js';
import { refuseExpand } from '../odata/options.js';
import { project } from '../odata/schema.js';
import { parseSelect } from '../odata/select.js';
import { groupKey } from './key.js';
import { groupSchema } from './schema.js';

export async function getGroup(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'groups.read');
  const select = parseSelect(ctx.query.values.select, groupSchema.canonical, groupSchema.typeName);
  refuseExpand(ctx);
  const id = groupKey(ctx.params.id ?? '');
  const group = await ctx.deps.directory.getGroup(ctx.principal.tenantId, id);
  if (group === undefined) throw graphErrors.resourceNotFound(ctx.params.id ?? id);
  return { json: { '@odata.context': entityContext(ctx, groupSchema.entitySet, select), ...project(group, groupSchema, select ?? groupSchema.defaultProperties) } };
}
