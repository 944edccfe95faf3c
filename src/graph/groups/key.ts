/** Group ids are object ids only (graph.md §2.2); anything else is Graph's malformed-id 400. */
import { isGuid } from '../../lib/ids.js';
import { graphErrors } from '../errors.js';

export function groupKey(raw: string): string {
  if (!isGuid(raw)) throw graphErrors.invalidObjectId(raw);
  return raw.toLowerCase();
}
