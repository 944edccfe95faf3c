/**
 * Directory objects in Graph's own shapes and vocabulary (camelCase, GUID ids): plain data, no
 * rules. They sit below both storage and the domain (design.md Layers), so the imports read one
 * way: `storage/queries/` maps rows to them, `directory/` applies its rules to them (and
 * re-exports them from `directory/types.ts`), and Graph serializers pick properties from them.
 */

export type SignInAudience =
  | 'AzureADMyOrg'
  | 'AzureADMultipleOrgs'
  | 'AzureADandPersonalMicrosoftAccount'
  | 'PersonalMicrosoftAccount';

/** Every {@link SignInAudience}, for validation and help texts. */
export const signInAudiences = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'] as const satisfies readonly SignInAudience[];

export interface Domain {
  name: string;
  isInitial: boolean;
  isDefault: boolean;
  isVerified: boolean;
}

export interface Tenant {
  id: string;
  displayName: string;
  kind: 'organization' | 'consumers';
  countryLetterCode: string | null;
  createdDateTime: string;
  domains: Domain[];
}

export interface User {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string | null;
  jobTitle: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  createdDateTime: string;
  /** MFA: `required` = the user must pass a second factor; `registered` = a TOTP secret exists. */
  mfa: { required: boolean; registered: boolean };
  /** Directory role template ids (graph.md §2.9) held by the user. */
  directoryRoles: string[];
}

export interface Group {
  id: string;
  tenantId: string;
  displayName: string;
  description: string | null;
  mail: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
}

export interface ImplicitGrantSettings {
  enableAccessTokenIssuance: boolean;
  enableIdTokenIssuance: boolean;
}

export interface WebApplication {
  redirectUris: string[];
  homePageUrl: string | null;
  logoutUrl: string | null;
  implicitGrantSettings: ImplicitGrantSettings;
}

export interface PermissionScope {
  id: string;
  value: string;
  type: 'User' | 'Admin';
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
  isEnabled: boolean;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: Array<'User' | 'Application'>;
  isEnabled: boolean;
}

export interface PreAuthorizedApplication {
  appId: string;
  delegatedPermissionIds: string[];
}

export interface ApiApplication {
  /** null or 1 → v1.0 access tokens, 2 → v2.0 (protocol.md §15.5). */
  requestedAccessTokenVersion: 1 | 2 | null;
  oauth2PermissionScopes: PermissionScope[];
  preAuthorizedApplications: PreAuthorizedApplication[];
  knownClientApplications: string[];
  acceptMappedClaims: boolean | null;
}

export interface ResourceAccess {
  id: string;
  type: 'Scope' | 'Role';
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: ResourceAccess[];
}

export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  customKeyIdentifier: null;
}

export interface KeyCredential {
  keyId: string;
  displayName: string | null;
  type: 'AsymmetricX509Cert';
  usage: 'Verify' | 'Sign';
  /** base64 DER certificate. */
  key: string;
  /** Upper-case hex SHA-1 thumbprint. */
  customKeyIdentifier: string;
  thumbprintSha1: string; // base64url, compared with assertion `x5t`
  thumbprintSha256: string; // base64url, compared with assertion `x5t#S256`
  startDateTime: string;
  endDateTime: string;
}

export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
}

export interface Application {
  id: string;
  appId: string;
  tenantId: string;
  displayName: string;
  signInAudience: SignInAudience;
  identifierUris: string[];
  web: WebApplication;
  spa: { redirectUris: string[] };
  publicClient: { redirectUris: string[] };
  isFallbackPublicClient: boolean;
  api: ApiApplication;
  appRoles: AppRole[];
  requiredResourceAccess: RequiredResourceAccess[];
  optionalClaims: unknown | null;
  groupMembershipClaims: string | null;
  createdDateTime: string;
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  federatedIdentityCredentials: FederatedIdentityCredential[];
}

/**
 * A service principal with its resource definition resolved: app roles, scopes, identifier
 * URIs and token version come from the application (or from the first-party catalog for
 * Microsoft Graph), so changes to the app are seen at once.
 */
export interface ServicePrincipal {
  id: string;
  tenantId: string;
  appId: string;
  applicationId: string | null;
  displayName: string;
  appDisplayName: string;
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  servicePrincipalType: 'Application' | 'ManagedIdentity' | 'Legacy';
  appOwnerOrganizationId: string | null;
  /** appId plus the identifier URIs (used to resolve `scope`/`resource` identifiers). */
  servicePrincipalNames: string[];
  appRoles: AppRole[];
  oauth2PermissionScopes: PermissionScope[];
  signInAudience: SignInAudience;
  /** Resource's `api.requestedAccessTokenVersion` (null → v1 tokens). */
  accessTokenVersion: 1 | 2;
  createdDateTime: string;
}

export interface OAuth2PermissionGrant {
  id: string;
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

/** A member of a directoryObject collection (`/groups/{id}/members`). */
export type DirectoryObject =
  | ({ '@odata.type': '#microsoft.graph.user' } & User)
  | ({ '@odata.type': '#microsoft.graph.group' } & Group)
  | ({ '@odata.type': '#microsoft.graph.servicePrincipal' } & ServicePrincipal);
