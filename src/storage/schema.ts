/**
 * The single source of truth for Tessera's tables (shared/style.md convention 10).
 *
 * Dialect-neutral column types, so one migration serves SQLite and PostgreSQL:
 * - ids are lowercase GUID strings (Graph's shapes);
 * - timestamps are ISO 8601 UTC strings (`2026-01-01T00:00:00.000Z`), which sort as text;
 * - booleans are integers 0/1 (better-sqlite3 cannot bind JS booleans);
 * - structured Graph properties (redirect URIs, app roles, ...) are JSON text, parsed only in
 *   `storage/queries/`.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 0 or 1: dialect-neutral boolean. */
export type Bool = number;
/** JSON encoded as text. */
export type Json = string;

export interface TenantsTable {
  id: string;
  display_name: string;
  /** `organization` (Entra work/school directory) or `consumers` (personal accounts). */
  kind: 'organization' | 'consumers';
  country_letter_code: string | null;
  created_at: string;
  /** protocol.md §14.3: `allowed` | `notAllowed` | `lowRisk` (migration 0003; default `allowed`). */
  user_consent: ColumnType<string, string | undefined, string>;
}

export interface DomainsTable {
  /** Lowercased domain name: verified domains resolve case-insensitively (protocol.md §2.1). */
  name: string;
  tenant_id: string;
  is_initial: Bool;
  is_default: Bool;
  is_verified: Bool;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  user_principal_name: string;
  /** Lowercased UPN, unique across all tenants (UPN suffixes are verified domains). */
  upn_lower: string;
  display_name: string;
  given_name: string | null;
  surname: string | null;
  mail: string | null;
  mail_nickname: string | null;
  job_title: string | null;
  mobile_phone: string | null;
  office_location: string | null;
  preferred_language: string | null;
  business_phones: Json; // string[]
  user_type: 'Member' | 'Guest';
  account_enabled: Bool;
  /** PHC-style scrypt hash, or null for accounts without a password. */
  password_hash: string | null;
  /** Base32 TOTP secret when MFA is registered; null otherwise. */
  mfa_totp_secret: string | null;
  mfa_required: Bool;
  created_at: string;
}

export interface DirectoryRoleAssignmentsTable {
  tenant_id: string;
  principal_id: string;
  /** Built-in role template id (graph.md §2.9), e.g. Global Administrator 62e90394-… */
  role_template_id: string;
}

export interface GroupsTable {
  id: string;
  tenant_id: string;
  display_name: string;
  description: string | null;
  mail: string | null;
  mail_enabled: Bool;
  mail_nickname: string;
  security_enabled: Bool;
  group_types: Json; // string[]
  created_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  member_id: string;
  member_type: 'user' | 'group' | 'servicePrincipal';
}

export interface ApplicationsTable {
  /** Object id of the application (Graph `id`). */
  id: string;
  /** The client id. */
  app_id: string;
  /** Home tenant. */
  tenant_id: string;
  display_name: string;
  sign_in_audience: 'AzureADMyOrg' | 'AzureADMultipleOrgs' | 'AzureADandPersonalMicrosoftAccount' | 'PersonalMicrosoftAccount';
  identifier_uris: Json; // string[]
  web: Json; // WebApplication
  spa: Json; // { redirectUris }
  public_client: Json; // { redirectUris }
  is_fallback_public_client: Bool;
  api: Json; // ApiApplication
  app_roles: Json; // AppRole[]
  required_resource_access: Json; // RequiredResourceAccess[]
  optional_claims: Json | null;
  group_membership_claims: string | null;
  created_at: string;
}

export interface PasswordCredentialsTable {
  key_id: string;
  application_id: string;
  display_name: string | null;
  /** First three characters of the secret (Graph `hint`). */
  hint: string;
  /** base64url SHA-256 of the secret: the secret itself is never stored (design.md Data). */
  secret_hash: string;
  start_date_time: string;
  end_date_time: string;
}

export interface KeyCredentialsTable {
  key_id: string;
  application_id: string;
  display_name: string | null;
  type: 'AsymmetricX509Cert';
  usage: 'Verify' | 'Sign';
  /** base64 DER of the X.509 certificate. */
  key: string;
  /** base64url SHA-1 of the DER (what `x5t` carries). */
  thumbprint_sha1: string;
  /** base64url SHA-256 of the DER (what `x5t#S256` carries). */
  thumbprint_sha256: string;
  /** Hex SHA-1 thumbprint, upper case: Graph's customKeyIdentifier default. */
  custom_key_identifier: string;
  start_date_time: string;
  end_date_time: string;
}

export interface FederatedIdentityCredentialsTable {
  id: string;
  application_id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: Json; // string[]
  description: string | null;
}

export interface ServicePrincipalsTable {
  id: string;
  tenant_id: string;
  app_id: string;
  /** The application object in its home tenant; null for first-party apps (Microsoft Graph). */
  application_id: string | null;
  display_name: string;
  account_enabled: Bool;
  app_role_assignment_required: Bool;
  service_principal_type: 'Application' | 'ManagedIdentity' | 'Legacy';
  app_owner_organization_id: string | null;
  created_at: string;
}

export interface OAuth2PermissionGrantsTable {
  id: string;
  tenant_id: string;
  /** Object id of the client service principal (not the appId). */
  client_id: string;
  consent_type: 'AllPrincipals' | 'Principal';
  principal_id: string | null;
  /** Object id of the resource service principal. */
  resource_id: string;
  /** Space-separated scope values. */
  scope: string;
}

export interface AppRoleAssignmentsTable {
  id: string;
  tenant_id: string;
  app_role_id: string;
  principal_id: string;
  principal_type: 'User' | 'Group' | 'ServicePrincipal';
  /** Object id of the resource service principal that defines the role. */
  resource_id: string;
  created_at: string;
}

export interface SigningKeysTable {
  /** kid = x5t = base64url(SHA-1(certificate DER)). */
  kid: string;
  /** base64 DER of the self-signed certificate (the JWKS `x5c[0]`). */
  certificate: string;
  /** PKCS#8 PEM, or `enc:v1:...` when sealed with TESSERA_MASTER_KEY. */
  private_key: string;
  /** `next`: published, not yet signing. `active`: signs. `retired`: published until `retire_until`. */
  status: 'next' | 'active' | 'retired';
  created_at: string;
  activated_at: string | null;
  retired_at: string | null;
  /** A retired key leaves the JWKS after this instant (every token it signed has expired). */
  retire_until: string | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}

// ---- Protocol state (migration 0002; design.md "Front channel and protocol state") ----------
// Not directory data: written on every sign-in, never cached. Handles (codes, refresh tokens,
// session ids, device and user codes) are stored only as base64url SHA-256 digests.

export interface AuthorizationCodesTable {
  code_digest: string;
  tenant_id: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  /** The refresh-token family the redemption issues into; revoked when the code is replayed. */
  family_id: string;
  data: Json; // grant-owned object: scopes, nonce, auth_time, amr, sid, ...
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface RefreshTokenFamiliesTable {
  family_id: string;
  tenant_id: string;
  user_id: string;
  client_id: string;
  /** 1 for public clients: presenting a replaced token revokes the family (RFC 9700 §4.14.2). */
  reuse_detection: Bool;
  created_at: string;
  last_used_at: string;
  /** The latest expiry of any token of the family (and of a revoked family's tombstone). */
  expires_at: string;
  /** Cap no rotation extends (SPA redirect URIs: 24 h); null for none. */
  absolute_expires_at: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  token_digest: string;
  family_id: string;
  data: Json;
  created_at: string;
  expires_at: string;
  /** When this token was rotated (a newer token of the family was issued from it). */
  replaced_at: string | null;
}

export interface SsoSessionsTable {
  session_digest: string;
  data: Json;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SsoSessionAccountsTable {
  session_digest: string;
  tenant_id: string;
  user_id: string;
  /** Public session id (GUID): the `sid` claim and `session_state`. Not a secret. */
  sid: string;
  auth_time: string;
  amr: Json; // string[]
  /** Clients that obtained tokens through this sign-in (front-channel logout). */
  client_ids: Json; // string[]
}

export interface DeviceCodesTable {
  device_code_digest: string;
  /** Digest of the normalized user code (upper case, no separators). */
  user_code_digest: string;
  /** The tenant (or alias) the device authorization request named. */
  tenant_id: string;
  client_id: string;
  status: 'pending' | 'approved' | 'declined';
  user_tenant_id: string | null;
  user_id: string | null;
  data: Json;
  approval: Json | null;
  interval_seconds: number;
  created_at: string;
  expires_at: string;
  last_polled_at: string | null;
  consumed_at: string | null;
}

export interface FailureCountersTable {
  key: string;
  window_start: string;
  window_ends_at: string;
  count: number;
  locked_until: string | null;
  /** max(window_ends_at, locked_until): when the row means nothing any more (sweep). */
  expires_at: string;
}

export interface Database {
  tenants: TenantsTable;
  domains: DomainsTable;
  users: UsersTable;
  directory_role_assignments: DirectoryRoleAssignmentsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  applications: ApplicationsTable;
  password_credentials: PasswordCredentialsTable;
  key_credentials: KeyCredentialsTable;
  federated_identity_credentials: FederatedIdentityCredentialsTable;
  service_principals: ServicePrincipalsTable;
  oauth2_permission_grants: OAuth2PermissionGrantsTable;
  app_role_assignments: AppRoleAssignmentsTable;
  signing_keys: SigningKeysTable;
  settings: SettingsTable;
  authorization_codes: AuthorizationCodesTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  sso_sessions: SsoSessionsTable;
  sso_session_accounts: SsoSessionAccountsTable;
  device_codes: DeviceCodesTable;
  failure_counters: FailureCountersTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
// Re-exported so query modules need one import.
export type { ColumnType, Generated };
