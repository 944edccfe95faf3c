/**
 * Directory collections (graph.md §1.5): `{"@odata.context", ["@odata.count"],
 * ["@odata.nextLink"], "value"}` with `$top`, `$filter`, `$count` and keyset paging through
 * `$skiptoken`; and the `/$count` segment, which answers a bare integer.
 */
import type { FilterExpr, ListQuery, Page } from '../../directory/directory.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { collectionContext } from './context-url.js';
import { parseFilter } from './filter-parser.js';
import { toFilterExpr, type FilterTarget } from './filter.js';
import { refuseUnservedOptions } from './options.js';
import { nextLink, parseCountOption, parseTop } from './paging.js';
import { decodeSkipToken, encodeSkipToken } from './skiptoken.js';

export interface CollectionSpec<T> {
  /** The `@odata.context` path: `users`, `groups`, `directoryObjects`. */
  entitySet: string;
  select: readonly string[] | null;
  /** What `$filter` may use; null where the collection takes no `$filter`. */
  filter: FilterTarget | null;
  list(query: ListQuery): Promise<Page<T>>;
  serialize(item: T): Record<string, unknown>;
}

/** `$filter` as a `FilterExpr`; null when absent. */
export function readFilter(value: string | undefined, target: FilterTarget | null, advanced: boolean): FilterExpr | null {
  if (value === undefined || value.trim() === '') return null;
  const tree = parseFilter(value);
  // DEVIATION: Graph filters some relationships as advanced queries; Tessera does not yet.
  if (target === null) throw graphErrors.unsupportedQuery('$filter is not supported on this resource.');
  return toFilterExpr(tree, target, advanced);
}

export async function listCollection<T>(ctx: GraphContext, spec: CollectionSpec<T>): Promise<GraphResult> {
  refuseUnservedOptions(ctx);
  const { values } = ctx.query;
  const top = parseTop(values.top);
  const skip = values.skiptoken === undefined ? null : decodeSkipToken(values.skiptoken);
  const countAsked = parseCountOption(values.count);
  // graph.md §1.5: the advanced-query state travels in the skiptoken, since SDKs do not repeat
  // the header on next pages.
  const eventual = ctx.eventual || skip?.advanced === true;
  const filter = readFilter(values.filter, spec.filter, eventual && countAsked);
  // graph.md §1.6: `$count=true` counts only with the header (else silently ignored), and
  // `@odata.count` is on the first page only.
  const count = countAsked && ctx.eventual && skip === null;
  const page = await spec.list({ top, cursor: skip?.cursor ?? null, filter, count });

  const body: Record<string, unknown> = { '@odata.context': collectionContext(ctx, spec.entitySet, spec.select) };
  if (count) body['@odata.count'] = page.count ?? 0;
  if (page.nextCursor !== null) body['@odata.nextLink'] = nextLink(ctx, encodeSkipToken({ cursor: page.nextCursor, advanced: eventual }));
  body.value = page.items.map((item) => spec.serialize(item));
  return { json: body };
}

/** `/{collection}/$count`: the integer as text; needs `ConsistencyLevel: eventual` (graph.md §1.6). */
export async function countCollection<T>(ctx: GraphContext, spec: Pick<CollectionSpec<T>, 'filter' | 'list'>): Promise<GraphResult> {
  if (!ctx.eventual) throw graphErrors.countNotSupported();
  refuseUnservedOptions(ctx);
  const filter = readFilter(ctx.query.values.filter, spec.filter, true);
  const page = await spec.list({ top: 1, cursor: null, filter, count: true });
  return { text: String(page.count ?? 0) };
}
