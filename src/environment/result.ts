/**
 * What applying an environment produced: ids, client ids, credentials as given (or generated
 * in this run) and user passwords, so `startTessera` callers, the CLI and the demo summary can
 * use them. `created` tells new objects from ones that already existed.
 */

export interface AppliedTenant {
  id: string;
  displayName: string;
  kind: 'organization' | 'consumers';
  /** Initial domain; null for the consumers tenant. */
  domain: string | null;
  created: boolean;
}

export interface AppliedUser {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  /** As given in the environment (null: none given). */
  password: string | null;
  /** Directory role names (template ids for roles without a known name). */
  roles: string[];
  mfa: boolean;
  /** Base32 TOTP secret when one was given. */
  totpSecret: string | null;
  created: boolean;
}

export interface AppliedSecret {
  /** keyId when added in this run. */
  keyId: string | null;
  displayName: string | null;
  /**
   * The value: as given, or generated in this run; null for a generated secret that already
   * existed. A generated value lives only in this result: the directory keeps its digest, so,
   * as in Entra, it is shown when it is created and never again.
   */
  value: string | null;
  /** Tessera generated the value (the file gave none). */
  generated: boolean;
  created: boolean;
}

export interface AppliedCertificate {
  keyId: string | null;
  /** Upper-case hex SHA-1 thumbprint (Graph's customKeyIdentifier). */
  thumbprint: string;
  created: boolean;
}

export interface AppliedApplication {
  /** Object id of the application. */
  id: string;
  /** Client id. */
  appId: string;
  /** Home tenant. */
  tenantId: string;
  displayName: string;
  signInAudience: string;
  /** Service principal in the home tenant. */
  servicePrincipalId: string | null;
  identifierUris: string[];
  redirectUris: { web: string[]; spa: string[]; publicClient: string[] };
  /** The first secret whose value is known (convenience for tests). */
  secret: string | null;
  secrets: AppliedSecret[];
  certificates: AppliedCertificate[];
  created: boolean;
}

export interface AppliedGroup {
  id: string;
  tenantId: string;
  displayName: string;
  created: boolean;
}

/** The outcome of `applyEnvironment`. */
export interface AppliedEnvironment {
  tenants: AppliedTenant[];
  users: AppliedUser[];
  groups: AppliedGroup[];
  applications: AppliedApplication[];
  /** Objects and records written by this run (0 when the environment was already applied). */
  created: { tenants: number; users: number; groups: number; applications: number; secrets: number; certificates: number; members: number; consents: number; assignments: number };
  /** Differences the run could not apply (existing objects are not updated). */
  warnings: string[];
}
