/** Permission checks against the table of `permissions.ts` (graph.md §4.1 step 5). */
import type { GraphPrincipal } from './auth/principal.js';
import { graphErrors } from './errors.js';
import { accessLevel, type GraphOperation } from './permissions.js';

/** The caller's access to `operation`, or 403 `Authorization_RequestDenied`. */
export function requireAccess(principal: GraphPrincipal, operation: GraphOperation): 'full' | 'limited' {
  const level = accessLevel(operation, principal.kind, principal.permissions);
  if (level === 'none') throw graphErrors.requestDenied();
  return level;
}

/** The caller's access to `operation`, `none` included (limited-information members, graph.md §2.2). */
export function accessOf(principal: GraphPrincipal, operation: GraphOperation) {
  return accessLevel(operation, principal.kind, principal.permissions);
}
