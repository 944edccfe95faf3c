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
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
// Re-exported so query modules need one import.
export type { ColumnType, Generated };
