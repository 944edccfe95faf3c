/**
 * How a Graph entity type is served: its properties (CSDL names, graph.md §2), the default set
 * returned without `$select`, and what `$filter` may use. Property names are matched
 * case-insensitively and always answered in their canonical spelling.
 */

/** Directory timestamps are whole seconds in UTC, `2015-12-22T07:24:46Z` (graph.md §1.3). */
export function graphDateTime(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/** How `$filter` may use a property (graph.md §1.6 table): by default, or only as an advanced query. */
export type QuerySupport = 'default' | 'advanced';

export interface FilterableProperty {
  type: 'string' | 'boolean' | 'guid';
  eq: QuerySupport;
  startsWith?: QuerySupport;
  /** `eq null`; absent = not supported. */
  null?: QuerySupport;
}

export interface EntitySchemaInput<T> {
  /** `microsoft.graph.user` (in error messages and `@odata.type`). */
  typeName: string;
  /** Entity set of `@odata.context`: `users`. */
  entitySet: string;
  /** Resource name in `$filter` messages: `User`. */
  resourceName: string;
  /** Every property, canonical name → its value for an entity. */
  properties: Readonly<Record<string, (entity: T) => unknown>>;
  defaultProperties: readonly string[];
  filterable: Readonly<Record<string, FilterableProperty>>;
}

export interface EntitySchema<T> extends EntitySchemaInput<T> {
  /** Canonical name of a property, matched case-insensitively. */
  canonical(name: string): string | undefined;
  /** Canonical name and rule of a filterable property, matched case-insensitively. */
  filterProperty(name: string): { name: string; rule: FilterableProperty } | undefined;
}

export function defineEntitySchema<T>(input: EntitySchemaInput<T>): EntitySchema<T> {
  const names = new Map(Object.keys(input.properties).map((n) => [n.toLowerCase(), n]));
  const filters = new Map(Object.entries(input.filterable).map(([n, rule]) => [n.toLowerCase(), { name: n, rule }]));
  for (const n of input.defaultProperties) if (!Object.hasOwn(input.properties, n)) throw new Error(`${input.typeName}: no property ${n}`);
  return {
    ...input,
    canonical: (name) => names.get(name.toLowerCase()),
    filterProperty: (name) => filters.get(name.toLowerCase()),
  };
}

/**
 * The JSON object of `entity` with exactly `names`, in that order. Properties the caller may
 * not read (`visible` false) are present and null (graph.md §2.1 User.ReadBasic.All, §2.2
 * limited information).
 */
export function project<T>(entity: T, schema: EntitySchema<T>, names: readonly string[], visible?: (name: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const read = schema.properties[name];
    if (read === undefined) continue;
    out[name] = visible === undefined || visible(name) ? read(entity) : null;
  }
  return out;
}
