/**
 * From a parsed `$filter` to the directory's `FilterExpr`, over the resource's whitelist
 * (graph.md §1.6): `eq`, `in` and `startsWith` where Graph supports them by default, `null`
 * comparisons and advanced-only properties only as an advanced query (`ConsistencyLevel:
 * eventual` and `$count=true`). Anything else is 400 `Request_UnsupportedQuery`.
 */
import type { FilterExpr } from '../../directory/directory.js';
import { graphErrors } from '../errors.js';
import type { FilterNode, Literal, Operand } from './filter-parser.js';
import type { FilterableProperty, QuerySupport } from './schema.js';

export interface FilterTarget {
  /** `User`, `Group` (in messages). */
  resourceName: string;
  filterProperty(name: string): { name: string; rule: FilterableProperty } | undefined;
}

// graph.md §1.6, advanced-query error examples (exact).
function advancedRequired(operator: string) {
  return graphErrors.unsupportedQuery(
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

function unsupportedClause(property: string, target: FilterTarget) {
  return graphErrors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${target.resourceName}'.`);
}

const EDM = { string: 'Edm.String', guid: 'Edm.String', boolean: 'Edm.Boolean', null: 'null', bare: 'Edm.Int32' } as const;

function incompatible(property: FilterableProperty, literal: Literal) {
  return graphErrors.badRequest(
    `A binary operator with incompatible types was detected. Found operand types '${EDM[property.type]}' and '${EDM[literal.type]}' for operator kind 'Equal'.`,
  );
}

function subjectOf(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
    case 'in':
      return node.left.kind === 'property' ? node.left.path : '';
    case 'call':
      return node.args[0]?.kind === 'property' ? node.args[0].path : node.name;
    case 'logical':
      return subjectOf(node.left);
    case 'not':
      return subjectOf(node.operand);
    case 'unsupported':
      return node.subject;
  }
}

/** Translate `node`; `advanced` = the request is an advanced query. */
export function toFilterExpr(node: FilterNode, target: FilterTarget, advanced: boolean): FilterExpr {
  const allowed = (support: QuerySupport | undefined, operator: string, property: string): void => {
    if (support === undefined) throw unsupportedClause(property, target);
    if (support === 'advanced' && !advanced) throw advancedRequired(operator);
  };
  const propertyOf = (operand: Operand | undefined) => {
    if (operand?.kind !== 'property') throw unsupportedClause(operand?.kind === 'literal' ? String(operand.value) : '', target);
    const found = target.filterProperty(operand.path);
    if (found === undefined) throw unsupportedClause(operand.path, target);
    return found;
  };
  const valueFor = (rule: FilterableProperty, operand: Operand | undefined): string | boolean => {
    // `displayName eq givenName`: comparing two properties is not a directory filter.
    if (operand?.kind !== 'literal') throw unsupportedClause(operand?.kind === 'property' ? operand.path : '', target);
    if (rule.type === 'boolean' ? operand.type !== 'boolean' : operand.type !== 'string') throw incompatible(rule, operand);
    return operand.value as string | boolean;
  };

  switch (node.kind) {
    case 'logical':
      return { op: node.op, left: toFilterExpr(node.left, target, advanced), right: toFilterExpr(node.right, target, advanced) };
    case 'not':
      if (!advanced) throw advancedRequired('not');
      throw unsupportedClause(subjectOf(node), target);
    case 'unsupported':
      throw unsupportedClause(node.subject, target);
    case 'compare': {
      const { name, rule } = propertyOf(node.left);
      if (node.op === 'ne' && !advanced) throw advancedRequired('ne');
      // DEVIATION: ne, gt/ge/lt/le and has are not translated yet (graph.md §1.6 supports some).
      if (node.op !== 'eq') throw unsupportedClause(name, target);
      if (node.right.kind === 'literal' && node.right.type === 'null') {
        allowed(rule.null, 'eq', name);
        return { op: 'eq', property: name, value: null };
      }
      allowed(rule.eq, 'eq', name);
      return { op: 'eq', property: name, value: valueFor(rule, node.right) };
    }
    case 'in': {
      const { name, rule } = propertyOf(node.left);
      allowed(rule.eq, 'in', name);
      return { op: 'in', property: name, values: node.values.map((v) => valueFor(rule, v)) };
    }
    case 'call': {
      if (node.name === 'endswith') {
        if (!advanced) throw advancedRequired('endsWith');
        throw unsupportedClause(subjectOf(node), target);
      }
      if (node.name !== 'startswith') {
        if (CANONICAL_FUNCTIONS.has(node.name)) throw unsupportedClause(subjectOf(node), target);
        throw graphErrors.badRequest(
          `An unknown function with name '${node.name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
        );
      }
      if (node.args.length !== 2) throw unsupportedClause(subjectOf(node), target);
      const { name, rule } = propertyOf(node.args[0]);
      allowed(rule.startsWith, 'startsWith', name);
      const value = valueFor(rule, node.args[1]);
      if (typeof value !== 'string') throw unsupportedClause(name, target);
      return { op: 'startswith', property: name, value };
    }
  }
}

// OData 4.01 §5.1.1.5+: canonical functions a client may reasonably try.
const CANONICAL_FUNCTIONS: ReadonlySet<string> = new Set([
  'contains', 'length', 'indexof', 'substring', 'tolower', 'toupper', 'trim', 'concat', 'matchespattern',
  'year', 'month', 'day', 'hour', 'minute', 'second', 'date', 'time', 'now', 'round', 'floor', 'ceiling', 'cast', 'isof',
]);
