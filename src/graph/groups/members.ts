/**
 * `GET /groups/{id}/members` and `/members/$count` (graph.md §2.2): directoryObjects with
 * `@odata.type`, context `…$metadata#directoryObjects`, limited information for member types
 * the caller may not read.
 */
import type { ListQuery } from '../../directory/directory.js';
import { NotFoundError } from '../../directory/errors.js';
import { requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { DIRECTORY_OBJECT_TYPE, directoryObjectJson, directoryObjectProperty, memberAccessOf } from '../directoryObjects/serialize.js';
import { graphErrors } from '../errors.js';
import { countCollection, listCollection } from '../odata/collection.js';
import { parseSelect } from '../odata/select.js';
import { groupKey } from './key.js';

function membersOf(ctx: GraphContext) {
  const groupId = groupKey(ctx.params.id ?? '');
  return async (query: ListQuery) => {
    try {
      return await ctx.deps.directory.listGroupMembers(ctx.principal.tenantId, groupId, query);
    } catch (error) {
      if (error instanceof NotFoundError) throw graphErrors.resourceNotFound(ctx.params.id ?? groupId);
      throw error;
    }
  };
}

export async function listGroupMembers(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'groups.members.read');
  const select = parseSelect(ctx.query.values.select, directoryObjectProperty, DIRECTORY_OBJECT_TYPE);
  const access = memberAccessOf(ctx.principal);
  return listCollection(ctx, {
    entitySet: 'directoryObjects',
    select,
    filter: null,
    list: membersOf(ctx),
    serialize: (member) => directoryObjectJson(member, select, access),
  });
}

export async function countGroupMembers(ctx: GraphContext): Promise<GraphResult> {
  requireAccess(ctx.principal, 'groups.members.read');
  return countCollection(ctx, { filter: null, list: membersOf(ctx) });
}
