/** Permission checks against the table of `permissions.ts` (graph.md §4.1 step 5). */
import type { User } from '../directory/types.js';
import { mayUpdateUser } from '../directory/user-rights.js';
import type { GraphPrincipal } from './auth/principal.js';
import type { GraphContext } from './context.js';
import { graphErrors } from './errors.js';
import { accessLevel, mayUpdateProperty, mayUpdateSomeUser, type GraphOperation, type UserUpdateTarget } from './permissions.js';

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

/** 403 unless the token holds some permission that updates a `target` user (before the body is read). */
export function requireSomeUserUpdate(principal: GraphPrincipal, target: UserUpdateTarget): void {
  if (!mayUpdateSomeUser(principal.kind, target, principal.permissions)) throw graphErrors.requestDenied();
}

/**
 * graph.md §4.1 steps 5–6 for setting `properties` on `target`. Application tokens: their
 * `roles` alone (an app with User.ReadWrite.All updates anyone). Delegated tokens: `scp` ∩ the
 * signed-in user's own rights (§4.1 example: with User.ReadWrite.All a non-admin updates only
 * themself, a Global or User Administrator updates others). The user's roles are read from the
 * directory, not from `wids`, which may be stale for the token's lifetime (§4.4).
 */
export async function requireUserUpdate(ctx: GraphContext, target: User, properties: readonly string[]): Promise<void> {
  const { principal } = ctx;
  const relation: UserUpdateTarget = principal.kind === 'delegated' && target.id === principal.objectId ? 'self' : 'other';
  if (!properties.every((property) => mayUpdateProperty(principal.kind, relation, property, principal.permissions))) throw graphErrors.requestDenied();
  if (principal.kind === 'app') return;
  const caller = await ctx.deps.directory.getUser(principal.tenantId, principal.objectId);
  if (caller === undefined || !mayUpdateUser(caller, target, properties)) throw graphErrors.requestDenied();
}
