/**
 * Listing shapes shared by storage (which runs the query) and the surfaces (Graph parses
 * `$filter`/`$top`/`$skiptoken` into them): plain data below both layers, so storage never
 * imports the domain.
 */

/** A structured `$filter`, already parsed and checked against the property whitelist by graph/odata. */
export type FilterExpr =
  | { op: 'eq'; property: string; value: string | boolean | null }
  | { op: 'startswith'; property: string; value: string }
  | { op: 'in'; property: string; values: Array<string | boolean> }
  | { op: 'and' | 'or'; left: FilterExpr; right: FilterExpr };

export interface ListQuery {
  /** Page size (already clamped by the caller). */
  top: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | null;
  filter?: FilterExpr | null;
  /** Compute `count` over the filtered set. */
  count?: boolean;
}

export interface Page<T> {
  items: T[];
  /** Present when more items exist. */
  nextCursor: string | null;
  /** Present when `count` was asked. */
  count?: number;
}
