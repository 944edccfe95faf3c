/**
 * The plan an environment resolves to before anything is written: for every object, whether it
 * already exists (matched by id, else by natural key) and, if not, exactly what to create, with
 * ids chosen up front so references between new objects resolve without writing first.
 */
import type { Directory, NewApplication, NewGroup, NewTenant, NewUser, UserConsentPolicy } from '../directory/directory.js';
import type { CertificateInfo } from '../directory/credentials.js';
import type { Application, Group, RequiredResourceAccess, SignInAudience, Tenant, User } from '../directory/types.js';
import type { IssueList } from './errors.js';
import type { ResolvedPermissions, ResourceDefinition } from './resources.js';

export type Path = ReadonlyArray<string | number>;

/** Shared state of one planning run. */
export interface PlanContext {
  dir: Directory;
  issues: IssueList;
  /** Directory that relative certificate `file` paths are read from. */
  baseDir: string;
}

export interface TenantPlan {
  path: Path;
  id: string;
  kind: 'organization' | 'consumers';
  displayName: string;
  /** Full initial domain (`contoso.onmicrosoft.com`); null for the consumers tenant. */
  domain: string | null;
  existing: Tenant | undefined;
  create: NewTenant | null;
  /** protocol.md §14.3: the user-consent setting to apply; null when the file does not say. */
  userConsent: UserConsentPolicy | null;
}

export interface UserPlan {
  path: Path;
  tenantId: string;
  id: string;
  userPrincipalName: string;
  displayName: string;
  password: string | null;
  /** Role template ids. */
  roles: string[];
  mfa: boolean;
  totpSecret: string | null;
  existing: User | undefined;
  create: NewUser | null;
}

export interface SecretPlan {
  path: Path;
  /** Null: generate one. */
  value: string | null;
  displayName: string | null;
  endDateTime?: string;
  /** The given value (or, for generated ones, the displayName) is already on the app. */
  exists: boolean;
}

export interface CertificatePlan {
  path: Path;
  pem: string;
  info: CertificateInfo;
  displayName: string | null;
  exists: boolean;
}

export interface AppPlan {
  path: Path;
  tenantId: string;
  id: string;
  appId: string;
  displayName: string;
  signInAudience: SignInAudience;
  definition: ResourceDefinition;
  /** What the app requires: the existing app's when it exists, else the file's. */
  requiredResourceAccess: RequiredResourceAccess[];
  redirectUris: { web: string[]; spa: string[]; publicClient: string[] };
  existing: Application | undefined;
  create: NewApplication | null;
  secrets: SecretPlan[];
  certificates: CertificatePlan[];
}

/** A group member: an object id, or an app whose service principal in the tenant is the member. */
export interface MemberPlan {
  path: Path;
  objectId: string | null;
  appId: string | null;
  /** Already a member (existing group and member). */
  exists: boolean;
}

export interface GroupPlan {
  path: Path;
  tenantId: string;
  id: string;
  displayName: string;
  existing: Group | undefined;
  create: NewGroup | null;
  members: MemberPlan[];
}

export interface ConsentPlan {
  path: Path;
  tenantId: string;
  clientAppId: string;
  clientDisplayName: string;
  /** The consenting user; null for admin consent on behalf of the whole tenant. */
  userId: string | null;
  /** Explicit permissions, or `required`: everything the app requires (protocol.md §6.1). */
  grants: ResolvedPermissions[] | 'required';
}

/** One user or group assigned to an app's home-tenant service principal (protocol.md §14.2). */
export interface AssignmentPlan {
  path: Path;
  tenantId: string;
  appId: string;
  principalId: string;
  principalType: 'User' | 'Group';
  /** The role id; the default-access id when the entry names no role. */
  appRoleId: string;
}

export interface EnvironmentPlan {
  tenants: TenantPlan[];
  users: UserPlan[];
  applications: AppPlan[];
  groups: GroupPlan[];
  consents: ConsentPlan[];
  assignments: AssignmentPlan[];
  warnings: string[];
}
