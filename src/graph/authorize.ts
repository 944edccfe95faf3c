/** Permission checks against the table of `permissions.ts` (graph.md §4.1 step 5). */
import type { GraphPrincipal } from './auth/principal.js';
import type { GraphContext } from './context.js';
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

/**
 * graph.md §4.1 step 6: a delegated call's effective permission is the scope ∩ what the
 * signed-in user may read. Members read the directory by default; guests do not enumerate it.
 * ENTRA-COMPAT: graph.md §5 item 10 leaves the default-permission matrix open; Tessera applies
 * Entra's default guest restriction ("limited access"): no user lists, others' basic profile only.
 */
export async function delegatedUserIsGuest(ctx: GraphContext): Promise<boolean> {
  if (ctx.principal.kind !== 'delegated') return false;
  const caller = await ctx.deps.directory.getUser(ctx.principal.tenantId, ctx.principal.objectId);
  return caller?.userType === 'Guest';
}
