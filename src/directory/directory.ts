/**
 * The directory's domain API: what protocol/, graph/, the environment-file engine and the CLI
 * call. Implemented by `createDirectory(storage)` in `directory/index.ts` over
 * `storage/queries/`; no Fastify here (shared/style.md convention 9).
 *
 * Every method that changes more than one row runs in one transaction.
 */
import type { UserAppAccess, UserGroup } from './assignments.js';
import type {
  Application,
  AppRole,
  AppRoleAssignment,
  DirectoryObject,
  FederatedIdentityCredential,
  Group,
  KeyCredential,
  OAuth2PermissionGrant,
  PasswordCredential,
  PermissionScope,
  RequiredResourceAccess,
  ServicePrincipal,
  SignInAudience,
  Tenant,
  User,
} from './types.js';
import type { ListQuery, Page } from '../model/listing.js';
import type { UserConsentPolicy } from './consent-policy.js';

export type { UserConsentPolicy } from './consent-policy.js';

export type { FilterExpr, ListQuery, Page } from '../model/listing.js';


export interface NewTenant {
  id?: string;
  displayName: string;
  /** Initial domain label: `<name>.onmicrosoft.com`. */
  initialDomain: string;
  customDomains?: string[];
  kind?: 'organization' | 'consumers';
  countryLetterCode?: string | null;
}

export interface NewUser {
  id?: string;
  userPrincipalName: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
  accountEnabled?: boolean;
  password?: string | null;
  mfa?: { required: boolean; totpSecret?: string | null };
  /** Directory role template ids. */
  directoryRoles?: string[];
}

/**
 * A change to a user (Graph `PATCH /users/{id}`, graph.md §2.1): only the properties present
 * change; `null` clears a nullable one.
 */
export interface UserPatch {
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
  mail?: string | null;
  mailNickname?: string;
  userPrincipalName?: string;
  userType?: 'Member' | 'Guest';
  accountEnabled?: boolean;
}

export interface NewGroup {
  id?: string;
  displayName: string;
  description?: string | null;
  mailNickname?: string;
  mailEnabled?: boolean;
  securityEnabled?: boolean;
  groupTypes?: string[];
  /** Object ids (users, groups, service principals) in the same tenant. */
  members?: string[];
}

export interface NewApplication {
  id?: string;
  appId?: string;
  displayName: string;
  signInAudience?: SignInAudience;
  identifierUris?: string[];
  web?: {
    redirectUris?: string[];
    homePageUrl?: string | null;
    logoutUrl?: string | null;
    implicitGrantSettings?: { enableAccessTokenIssuance?: boolean; enableIdTokenIssuance?: boolean };
  };
  spa?: { redirectUris?: string[] };
  publicClient?: { redirectUris?: string[] };
  isFallbackPublicClient?: boolean;
  api?: {
    requestedAccessTokenVersion?: 1 | 2 | null;
    oauth2PermissionScopes?: PermissionScope[];
    preAuthorizedApplications?: Array<{ appId: string; delegatedPermissionIds: string[] }>;
    knownClientApplications?: string[];
  };
  appRoles?: AppRole[];
  requiredResourceAccess?: RequiredResourceAccess[];
  groupMembershipClaims?: string | null;
  /** Settings of the home-tenant service principal created with the app (Enterprise applications). */
  servicePrincipal?: { appRoleAssignmentRequired?: boolean; accountEnabled?: boolean };
}

export interface NewPasswordCredential {
  keyId?: string;
  displayName?: string | null;
  /** Given value (environment files, demo); generated (≥ 40 chars, high entropy) when absent. */
  secretText?: string;
  startDateTime?: string;
  /** Default: start + 2 years (graph.md §2.5 addPassword). */
  endDateTime?: string;
}

export interface NewKeyCredential {
  keyId?: string;
  displayName?: string | null;
  /** PEM or base64 DER X.509 certificate; validity dates default to the certificate's. */
  certificate: string;
  usage?: 'Verify' | 'Sign';
}

export interface NewFederatedIdentityCredential {
  id?: string;
  name: string;
  issuer: string;
  subject: string;
  audiences?: string[];
  description?: string | null;
}

/** Verification material for client authentication, read on the token hot path (cached). */
export interface ClientCredentials {
  application: Application;
  /** Secret digests with validity; compare with `verifySecret`. */
  secrets: Array<{ keyId: string; secretHash: string; startDateTime: string; endDateTime: string }>;
  certificates: KeyCredential[];
}

export interface Directory {
  // ── tenants ──────────────────────────────────────────────────────────────────────────
  getTenant(id: string): Promise<Tenant | undefined>;
  /** Case-insensitive verified-domain lookup. */
  findTenantByDomain(domain: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  /** Creates the tenant, its domains and the Microsoft Graph service principal in it. */
  createTenant(input: NewTenant): Promise<Tenant>;
  /** The personal-accounts tenant 9188040d-… exists in every database (created by migration seed). */
  ensureConsumersTenant(): Promise<Tenant>;

  // ── users ────────────────────────────────────────────────────────────────────────────
  /** By object id or userPrincipalName (case-insensitive), within one tenant only. */
  getUser(tenantId: string, idOrUpn: string): Promise<User | undefined>;
  listUsers(tenantId: string, query: ListQuery): Promise<Page<User>>;
  createUser(tenantId: string, input: NewUser): Promise<User>;
  /**
   * Applies `patch` to the user with object id `userId` and returns the user as stored after
   * it. NotFoundError when the user is not in the tenant; a UPN change follows `createUser`'s
   * rules (verified domain, unique). Drops the hot-path cache like every write.
   */
  updateUser(tenantId: string, userId: string, patch: UserPatch): Promise<User>;
  /** Constant-time password check; false when the user has no password. */
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /**
   * The user's TOTP secret (base32), opened with TESSERA_MASTER_KEY when sealed; null when the
   * user has none. Throws MasterKeyError when it is sealed and the master key is missing or wrong.
   */
  getTotpSecret(userId: string): Promise<string | null>;
  /** With TESSERA_MASTER_KEY, seals TOTP secrets still stored in clear; returns how many. */
  sealTotpSecrets(): Promise<number>;

  // ── groups ───────────────────────────────────────────────────────────────────────────
  getGroup(tenantId: string, id: string): Promise<Group | undefined>;
  listGroups(tenantId: string, query: ListQuery): Promise<Page<Group>>;
  createGroup(tenantId: string, input: NewGroup): Promise<Group>;
  addGroupMember(tenantId: string, groupId: string, memberId: string): Promise<void>;
  listGroupMembers(tenantId: string, groupId: string, query: ListQuery): Promise<Page<DirectoryObject>>;

  // ── applications ─────────────────────────────────────────────────────────────────────
  /** Creates the application in its home tenant and the home-tenant service principal. */
  createApplication(tenantId: string, input: NewApplication): Promise<Application>;
  getApplication(objectId: string): Promise<Application | undefined>;
  getApplicationByAppId(appId: string): Promise<Application | undefined>;
  listApplications(tenantId: string): Promise<Application[]>;
  /** Returns the credential and the secret value, shown once. Stores only its digest. */
  addPassword(applicationObjectId: string, input: NewPasswordCredential): Promise<{ credential: PasswordCredential; secretText: string }>;
  addKey(applicationObjectId: string, input: NewKeyCredential): Promise<KeyCredential>;
  addFederatedIdentityCredential(applicationObjectId: string, input: NewFederatedIdentityCredential): Promise<FederatedIdentityCredential>;
  /** Secrets and certificates of the app with this client id (token hot path, cached). */
  getClientCredentials(appId: string): Promise<ClientCredentials | undefined>;

  // ── service principals ───────────────────────────────────────────────────────────────
  getServicePrincipal(tenantId: string, id: string): Promise<ServicePrincipal | undefined>;
  getServicePrincipalByAppId(tenantId: string, appId: string): Promise<ServicePrincipal | undefined>;
  /** Resolve a resource identifier (appId GUID or an identifier URI, trailing slash tolerated) in a tenant. */
  findResourceServicePrincipal(tenantId: string, identifier: string): Promise<ServicePrincipal | undefined>;
  /** Creates the app's service principal in the tenant if missing (consent provisioning). */
  ensureServicePrincipal(tenantId: string, appId: string): Promise<ServicePrincipal>;
  listServicePrincipals(tenantId: string): Promise<ServicePrincipal[]>;

  // ── consent records ──────────────────────────────────────────────────────────────────
  /** Idempotent: an identical assignment is not duplicated. */
  assignAppRole(tenantId: string, input: { principalId: string; principalType: 'User' | 'Group' | 'ServicePrincipal'; resourceId: string; appRoleId: string }): Promise<AppRoleAssignment>;
  listAppRoleAssignments(tenantId: string, principalId: string): Promise<AppRoleAssignment[]>;
  /** Values of the app roles of `resourceSpId` assigned to `principalId` (token hot path, cached). */
  assignedAppRoleValues(tenantId: string, principalId: string, resourceSpId: string): Promise<string[]>;
  /**
   * A user's assignment to a resource SP: directly or through a group it is a direct member of
   * (protocol.md §14.2), the role values, and its groups assigned there (token hot path, cached).
   */
  userAppAccess(tenantId: string, userId: string, resourceSpId: string): Promise<UserAppAccess>;
  /** Every group the user is in, nested ones included (the `groups` claim; cached). */
  userGroups(tenantId: string, userId: string): Promise<UserGroup[]>;
  /** Deletes an app role assignment by its object id; false when there was none. */
  removeAppRoleAssignmentById(tenantId: string, assignmentId: string): Promise<boolean>;
  /** Idempotent: merges scopes into the existing grant for the same (client, resource, consentType, principal). */
  grantDelegatedPermissions(tenantId: string, input: { clientId: string; consentType: 'AllPrincipals' | 'Principal'; principalId: string | null; resourceId: string; scope: string }): Promise<OAuth2PermissionGrant>;
  listOAuth2PermissionGrants(tenantId: string, clientSpId?: string): Promise<OAuth2PermissionGrant[]>;
  /**
   * Takes delegated consent back (protocol.md §14.2): removes `scopes` from the grant of
   * (client SP, resource SP, user — or null for the AllPrincipals grant), or the whole grant when
   * `scopes` is absent; a grant left empty is deleted. Nothing granted → `{ removed: [], grant: null }`.
   * The next token of this process no longer carries them; other workers and nodes see it within
   * the 5 s cache TTL. Tokens already issued stay valid until they expire (as in Entra).
   */
  revokeDelegatedPermissions(tenantId: string, input: { clientId: string; resourceId: string; principalId: string | null; scopes?: readonly string[] }): Promise<{ removed: string[]; grant: OAuth2PermissionGrant | null }>;
  /** Deletes one app role assignment (application permission or user/group assignment); false when there was none. Same cache window. */
  removeAppRoleAssignment(tenantId: string, input: { principalId: string; resourceId: string; appRoleId: string }): Promise<boolean>;
  /**
   * Tenant-wide admin consent of everything the app statically requires (requiredResourceAccess):
   * creates the client SP if missing, one appRoleAssignment per Role, one AllPrincipals grant per
   * resource for Scopes (protocol.md §6.1).
   */
  grantAdminConsent(tenantId: string, appId: string): Promise<void>;

  // ── tenant consent policy (protocol.md §14.3) ────────────────────────────────────────
  /** The tenant's user-consent setting (`allowed` unless set); NotFoundError for no such tenant. */
  getUserConsentPolicy(tenantId: string): Promise<UserConsentPolicy>;
  /** Sets it; ValidationError for another value, NotFoundError for no such tenant. */
  setUserConsentPolicy(tenantId: string, policy: UserConsentPolicy): Promise<void>;

  /**
   * Run `fn` against a Directory bound to one database transaction: everything it writes
   * commits together or not at all (environment files are applied this way). Caches are
   * invalidated after commit. Nested calls reuse the outer transaction.
   */
  transaction<T>(fn: (directory: Directory) => Promise<T>): Promise<T>;

  /** Drop every cache entry (after writes from another process, or in tests). */
  invalidate(): void;
}
