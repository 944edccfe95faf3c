/**
 * Keyset paging and `$filter` translation shared by the list queries (graph.md §1.5, §1.6).
 *
 * Paging walks a stable unique key (the object id) in ascending order, so a page never repeats
 * or skips a row even while rows are added; the cursor is an opaque base64url token that the
 * Graph layer wraps into `$skiptoken`.
 *
 * Filters arrive as a parsed `FilterExpr` and are translated over a per-collection whitelist:
 * a property outside it never reaches SQL.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { FilterExpr, Page } from '../../model/listing.js';
import { InvalidCursorError, UnsupportedFilterError } from '../errors.js';

/**
 * How a Graph property is stored:
 * - `id`: a lower-case GUID, compared exactly after lower-casing the value;
 * - `lowered`: a column that already holds the lower-cased value (users.upn_lower);
 * - `string`: free text, compared case-insensitively as Graph does;
 * - `boolean`: integer 0/1.
 */
export type PropertyKind = 'id' | 'lowered' | 'string' | 'boolean';

/** Graph property name → qualified column and kind. */
export type PropertyMap = Readonly<Record<string, { column: string; kind: PropertyKind }>>;

const MAX_FILTER_NODES = 64;
const MAX_CURSOR_LENGTH = 512;

/** Encode the last key of a page as an opaque cursor. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey }), 'utf8').toString('base64url');
}

/** Decode a cursor from `encodeCursor`; throws `InvalidCursorError` for anything else. */
export function decodeCursor(cursor: string): string {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Keys are object ids: a NUL could not be compared on PostgreSQL (a driver error, not a 400).
    if (typeof value === 'object' && value !== null && 'k' in value && typeof value.k === 'string' && value.k !== '' && !value.k.includes('\u0000')) {
      return value.k;
    }
  } catch {
    // fall through: not JSON
  }
  throw new InvalidCursorError();
}

/** Escape LIKE wildcards so `value` matches literally, with `\` as the ESCAPE character. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function resolve(properties: PropertyMap, property: string) {
  // Own properties only: `constructor`, `__proto__` and friends are not columns.
  const entry = Object.hasOwn(properties, property) ? properties[property] : undefined;
  if (entry === undefined) throw new UnsupportedFilterError(`Property '${property}' is not supported in $filter`);
  return entry;
}

function eq(properties: PropertyMap, property: string, value: string | boolean | null): RawBuilder<SqlBool> {
  const { column, kind } = resolve(properties, property);
  const ref = sql.ref(column);
  if (value === null) return sql<SqlBool>`${ref} is null`;
  if (kind === 'boolean') {
    if (typeof value !== 'boolean') throw new UnsupportedFilterError(`Property '${property}' is Boolean`);
    return sql<SqlBool>`${ref} = ${value ? 1 : 0}`;
  }
  if (typeof value !== 'string') throw new UnsupportedFilterError(`Property '${property}' is a String`);
  // Graph compares directory strings case-insensitively (graph.md §1.6).
  if (kind === 'string') return sql<SqlBool>`lower(${ref}) = ${value.toLowerCase()}`;
  return sql<SqlBool>`${ref} = ${value.toLowerCase()}`;
}

function startsWith(properties: PropertyMap, property: string, value: string): RawBuilder<SqlBool> {
  const { column, kind } = resolve(properties, property);
  if (kind === 'boolean') throw new UnsupportedFilterError(`startswith needs a String property, not '${property}'`);
  const pattern = `${escapeLike(value.toLowerCase())}%`;
  const target = kind === 'string' ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  // Explicit ESCAPE: PostgreSQL defaults to `\`, SQLite has no default escape character.
  return sql<SqlBool>`${target} like ${pattern} escape '\\'`;
}

function translate(filter: FilterExpr, properties: PropertyMap, budget: { nodes: number }): RawBuilder<SqlBool> {
  if (--budget.nodes < 0) throw new UnsupportedFilterError('The $filter expression is too complex');
  switch (filter.op) {
    case 'eq':
      return eq(properties, filter.property, filter.value);
    case 'startswith':
      return startsWith(properties, filter.property, filter.value);
    case 'in': {
      if (filter.values.length === 0) return sql<SqlBool>`1 = 0`;
      const terms = filter.values.map((value) => eq(properties, filter.property, value));
      return sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
    }
    case 'and':
    case 'or': {
      const left = translate(filter.left, properties, budget);
      const right = translate(filter.right, properties, budget);
      return filter.op === 'and' ? sql<SqlBool>`(${left} and ${right})` : sql<SqlBool>`(${left} or ${right})`;
    }
    default:
      throw new UnsupportedFilterError(`Unsupported $filter operator '${(filter as { op: string }).op}'`);
  }
}

/** Translate a parsed `$filter` into a SQL condition over whitelisted columns. */
export function filterToSql(filter: FilterExpr, properties: PropertyMap): RawBuilder<SqlBool> {
  return translate(filter, properties, { nodes: MAX_FILTER_NODES });
}

/**
 * Turn `top + 1` fetched rows into a page: the extra row only proves that another page exists.
 */
export function toPage<R, T>(rows: R[], top: number, keyOf: (row: R) => string, map: (rows: R[]) => T[]): Page<T> {
  const more = rows.length > top;
  const pageRows = more ? rows.slice(0, top) : rows;
  const last = pageRows.at(-1);
  return { items: map(pageRows), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** `count(*)` as a number on both dialects (pg returns int8 as a string). */
export function toCount(row: { count: string | number | bigint } | undefined): number {
  return row === undefined ? 0 : Number(row.count);
}

/** Parse a JSON text column, with a fallback for null. */
export function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

/** Integer 0/1 ↔ boolean. */
export const toBool = (value: number): boolean => value !== 0;
export const fromBool = (value: boolean): number => (value ? 1 : 0);
