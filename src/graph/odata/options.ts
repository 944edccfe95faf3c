/**
 * Query options Tessera does not serve yet. Graph may ignore unsupported options (graph.md §1.6),
 * but silently ignoring `$orderby` or `$skip` would hand clients wrong pages, so they are
 * refused with the advanced-query error family.
 */
import type { GraphContext } from '../context.js';
import { graphErrors } from '../errors.js';

// graph.md §1.6, exact.
const SEARCH_NEEDS_HEADER = "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

/** Refuse `$search`, `$orderby`, `$expand` and `$skip`, which no Tessera resource serves yet. */
export function refuseUnservedOptions(ctx: Pick<GraphContext, 'query' | 'eventual'>): void {
  const { values } = ctx.query;
  if (values.search !== undefined) {
    if (!ctx.eventual) throw graphErrors.unsupportedQuery(SEARCH_NEEDS_HEADER);
    // DEVIATION: $search is roadmap item 4.
    throw graphErrors.unsupportedQuery('$search is not supported by Tessera yet.');
  }
  // DEVIATION (this and below): roadmap item 4 brings $orderby and $expand; $skip is not a
  // directory option at all (graph.md §1.5).
  if (values.orderby !== undefined) throw graphErrors.unsupportedQuery('Sorting not supported for current query.');
  if (values.expand !== undefined) throw graphErrors.unsupportedQuery('$expand is not supported by Tessera yet.');
  if (values.skip !== undefined) throw graphErrors.unsupportedQuery('$skip is not supported on this resource.');
}

/** On a single entity only `$expand` changes the answer; other collection options are ignored. */
export function refuseExpand(ctx: Pick<GraphContext, 'query'>): void {
  if (ctx.query.values.expand !== undefined) throw graphErrors.unsupportedQuery('$expand is not supported by Tessera yet.');
}
