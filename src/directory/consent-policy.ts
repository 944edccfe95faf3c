/**
 * The tenant's user-consent setting (protocol.md §14.3): whether a user who is no administrator
 * may consent to an app's delegated permissions for themself.
 *
 * - `allowed` (default): users consent to `User`-type scopes; `Admin`-type ones need an admin.
 * - `notAllowed`: users consent to nothing; every grant comes from an administrator.
 * - `lowRisk`: users consent only to the permissions classified low-risk ({@link LOW_RISK_SCOPES}).
 *
 * Entra stores this as a permission-grant policy; the three values are the choices its portal
 * offers ("Allow user consent", "Do not allow", "Allow … for permissions classified as low impact").
 */
import { isGuid } from '../lib/ids.js';
import type { DirectoryContext } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { GRAPH_APP_ID } from './graph-catalog.js';

export type UserConsentPolicy = 'allowed' | 'notAllowed' | 'lowRisk';

export const USER_CONSENT_POLICIES = ['allowed', 'notAllowed', 'lowRisk'] as const satisfies readonly UserConsentPolicy[];

/**
 * ENTRA-COMPAT: Entra lets each tenant classify permissions as low impact; the portal suggests
 * exactly these Microsoft Graph ones (sign-in and the user's own basic profile). Tessera uses
 * that suggestion as the fixed classification: scope values of Microsoft Graph, lower case.
 */
export const LOW_RISK_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access', 'user.read']);

/** True when `value` (a scope value of the resource `resourceAppId`) is classified low-risk. */
export function isLowRiskScope(resourceAppId: string, value: string): boolean {
  return resourceAppId.toLowerCase() === GRAPH_APP_ID && LOW_RISK_SCOPES.has(value.toLowerCase());
}

export function isUserConsentPolicy(value: unknown): value is UserConsentPolicy {
  return typeof value === 'string' && (USER_CONSENT_POLICIES as readonly string[]).includes(value);
}

/** Directory roles whose holders may grant consent for the whole tenant and to `Admin` scopes: Global, Privileged Role, Application and Cloud Application Administrator. */
export const CONSENTING_ROLES: ReadonlySet<string> = new Set(['62e90394-69f5-4237-9190-012177145e10', 'e8611ab8-c189-46e8-94e1-60213ab1f814', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', '158c047a-c907-4556-b7ef-446551a6b5f7']);

/** One permission a consent would grant. */
export interface ConsentAsk {
  resourceAppId: string;
  value: string;
  type: 'User' | 'Admin';
}

export interface ConsentDecisionInput {
  policy: UserConsentPolicy;
  tenantKind: 'organization' | 'consumers';
  /** The signed-in user's directory role template ids. */
  directoryRoles: readonly string[];
  asks: readonly ConsentAsk[];
  /** `prompt=admin_consent`: only an administrator may answer (protocol.md §14.4). */
  adminConsentRequested?: boolean;
}

/** The user holds a role that may consent for the organization. */
export function isConsentAdministrator(directoryRoles: readonly string[]): boolean {
  return directoryRoles.some((role) => CONSENTING_ROLES.has(role.toLowerCase()));
}

/**
 * protocol.md §14.3: may this user grant `asks` themself, or does an administrator have to
 * (the "approval required" page, AADSTS90094)? Pure.
 */
export function approvalRequired(input: ConsentDecisionInput): boolean {
  if (isConsentAdministrator(input.directoryRoles)) return false;
  if (input.adminConsentRequested === true) return true;
  // protocol.md §14.3: personal accounts consent to Admin-type scopes for their own data.
  if (input.tenantKind === 'consumers') return false;
  if (input.asks.some((a) => a.type === 'Admin')) return true;
  if (input.policy === 'notAllowed') return input.asks.length > 0;
  if (input.policy === 'lowRisk') return input.asks.some((a) => !isLowRiskScope(a.resourceAppId, a.value));
  return false;
}

function toPolicy(stored: string | undefined): UserConsentPolicy {
  // A value written by a newer version, or edited by hand: the safest reading is "no user consent".
  return stored === undefined || isUserConsentPolicy(stored) ? (stored ?? 'allowed') : 'notAllowed';
}

/** Directory methods for the user-consent setting. */
export function consentPolicyOperations(ctx: DirectoryContext) {
  async function getUserConsentPolicy(tenantId: string): Promise<UserConsentPolicy> {
    const stored = await ctx.read((q) => (isGuid(tenantId) ? q.tenants.userConsent(tenantId.toLowerCase()) : Promise.resolve(undefined)));
    if (stored === undefined) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
    return toPolicy(stored);
  }

  async function setUserConsentPolicy(tenantId: string, policy: UserConsentPolicy): Promise<void> {
    if (!isUserConsentPolicy(policy)) throw new ValidationError('InvalidUserConsentPolicy', `'${String(policy)}' is not one of ${USER_CONSENT_POLICIES.join(', ')}`);
    const updated = await ctx.write((q) => (isGuid(tenantId) ? q.tenants.setUserConsent(tenantId.toLowerCase(), policy) : Promise.resolve(false)));
    if (!updated) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
  }

  return { getUserConsentPolicy, setUserConsentPolicy };
}
