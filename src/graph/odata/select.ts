/**
 * `$select` (graph.md §1.6): exactly the listed properties, canonical spelling, in the order
 * asked. An unknown name is a 400 with Graph's message.
 */
import { graphErrors } from '../errors.js';

/** The canonical names of `$select`, or null when there is no `$select`. */
export function parseSelect(value: string | undefined, canonical: (name: string) => string | undefined, typeName: string): string[] | null {
  if (value === undefined) return null;
  const names: string[] = [];
  for (const item of value.split(',')) {
    const name = item.trim();
    if (name === '') continue;
    const found = canonical(name);
    if (found === undefined) throw graphErrors.unknownProperty(name, typeName);
    if (!names.includes(found)) names.push(found);
  }
  return names.length === 0 ? null : names;
}
