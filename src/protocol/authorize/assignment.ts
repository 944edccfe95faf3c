/**
 * `appRoleAssignmentRequired` on the client's service principal (protocol.md §15.2, §12.4
 * AADSTS50105): a user holding no assignment to the app — directly, or through a group it is a
 * direct member of (§14.2) — may not sign in to it. Checked where a sign-in completes at
 * `/authorize` (an error page: the app is not told, §12.4 "page"), and again at the code
 * redemption and every refresh (`invalid_grant`), so removing the assignment stops new tokens.
 */
import type { Directory } from '../../directory/directory.js';
import type { User } from '../../directory/types.js';
import { OAuthError } from '../errors.js';

/** Throws AADSTS50105 when the app requires assignment and `user` has none in `tenantId`. */
export async function requireAssignment(directory: Directory, tenantId: string, clientAppId: string, user: Pick<User, 'id' | 'userPrincipalName'>): Promise<void> {
  const sp = await directory.getServicePrincipalByAppId(tenantId, clientAppId);
  // No service principal yet: nothing can require assignment (consent creates it, §14.1).
  if (sp === undefined || !sp.appRoleAssignmentRequired) return;
  const access = await directory.userAppAccess(tenantId, user.id, sp.id);
  if (!access.assigned) throw new OAuthError(50105, [sp.appDisplayName, sp.appId, user.userPrincipalName]);
}
