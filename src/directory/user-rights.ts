/**
 * What a signed-in user may change on a user object by their own rights (graph.md §4.1 step 6):
 * everyone manages their own basic profile; Global Administrators and User Administrators manage
 * other users. The roles are the ones the directory stores for the user (template ids,
 * graph.md §2.9), not the token's `wids`, which may be stale for the token's lifetime (§4.4).
 */
import type { User } from './types.js';

/** graph.md §2.9 built-in role template ids. */
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';

// ENTRA-COMPAT: Entra keeps User Administrators away from users who hold the most privileged
// roles (they could take over a Global Administrator's account); only a Global Administrator
// manages those. Entra's full "who can manage whom" matrix is longer (graph.md §5 item 10).
const PROTECTED_ROLES: ReadonlySet<string> = new Set([GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR]);

/** The user properties Tessera lets a user change on their own object. */
export const SELF_SERVICE_PROPERTIES: ReadonlySet<string> = new Set([
  'displayName', 'givenName', 'surname', 'jobTitle', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'businessPhones',
]);

/** True when `actor` holds a role that manages other users (Global or User Administrator). */
export function isUserAdministrator(actor: Pick<User, 'directoryRoles'>): boolean {
  return actor.directoryRoles.some((role) => role === GLOBAL_ADMINISTRATOR || role === USER_ADMINISTRATOR);
}

/**
 * May `actor` set `properties` on `target` by their own rights? Self-service covers the basic
 * profile only: `accountEnabled`, `userPrincipalName`, `userType`, `mail`, … need an administrator, also on
 * oneself. ENTRA-COMPAT: real Entra narrows self-service further by tenant settings; Tessera's
 * set is the profile a Graph client typically edits (graph.md §5 item 10 leaves it open).
 */
export function mayUpdateUser(actor: Pick<User, 'id' | 'directoryRoles'>, target: Pick<User, 'id' | 'directoryRoles'>, properties: Iterable<string>): boolean {
  if (actor.directoryRoles.includes(GLOBAL_ADMINISTRATOR)) return true;
  if (actor.directoryRoles.includes(USER_ADMINISTRATOR)) return !target.directoryRoles.some((role) => PROTECTED_ROLES.has(role));
  if (actor.id !== target.id) return false;
  for (const property of properties) if (!SELF_SERVICE_PROPERTIES.has(property)) return false;
  return true;
}
