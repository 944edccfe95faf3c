/**
 * `PATCH /users/{id | userPrincipalName}` (graph.md §2.1 "Update user"): 204 No Content, the
 * change visible to the next GET. Evaluated in graph.md §4.1 order: the token must hold some
 * user-write permission (403), the body must be valid (400), the user must exist (404), then
 * each property is checked against the token and, for delegated tokens, the signed-in user's
 * own rights (403 `Authorization_RequestDenied`).
 */
import { ConflictError, NotFoundError, ValidationError } from '../../directory/errors.js';
import type { User } from '../../directory/types.js';
import { requireSomeUserUpdate, requireUserUpdate } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { mayUpdateSomeUser } from '../permissions.js';
import { userKey } from './key.js';
import { parseUserPatch, type ParsedUserPatch } from './patch-body.js';

/** Apply `parsed` to `target` once the caller's rights are checked; directory refusals in Graph's terms. */
export async function applyUserPatch(ctx: GraphContext, target: User, parsed: ParsedUserPatch): Promise<GraphResult> {
  await requireUserUpdate(ctx, target, parsed.properties);
  try {
    await ctx.deps.directory.updateUser(ctx.principal.tenantId, target.id, parsed.patch);
  } catch (error) {
    if (error instanceof NotFoundError) throw graphErrors.resourceNotFound(target.id);
    // graph.md §1.7: duplicate UPN and an unverified UPN domain are Request_BadRequest.
    if (error instanceof ConflictError) throw graphErrors.directoryRequest(error.message);
    if (error instanceof ValidationError) {
      if (error.code === 'InvalidUserPrincipalNameDomain') throw graphErrors.directoryRequest(error.message);
      throw graphErrors.invalidPropertyValue(error.code === 'InvalidDisplayName' ? 'displayName' : 'userPrincipalName', 'User');
    }
    throw error;
  }
  return { noContent: true };
}

export async function patchUser(ctx: GraphContext): Promise<GraphResult> {
  const { principal } = ctx;
  // Before the body: a token that may update nobody (not even its own user) is refused outright.
  // The self set holds the others' set (permissions.ts), so checking 'self' covers both.
  requireSomeUserUpdate(principal, 'self');
  const parsed = parseUserPatch(jsonBody(ctx));
  const key = userKey(ctx.params.id ?? '');
  const target = await ctx.deps.directory.getUser(principal.tenantId, key);
  if (target === undefined) {
    // A token limited to its own user learns nothing about others (as GET /users/{id}, users/get.ts).
    if (!mayUpdateSomeUser(principal.kind, 'other', principal.permissions)) throw graphErrors.requestDenied();
    throw graphErrors.resourceNotFound(key);
  }
  return applyUserPatch(ctx, target, parsed);
}
