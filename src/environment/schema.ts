/**
 * The environment-file format (docs/environment.md): tenants with their domains, users, groups,
 * applications and consent. Validated with zod before anything is looked up or written;
 * references between objects (role names, permission names, consent targets) are resolved
 * afterwards in `resolve.ts`. Objects are strict: a misspelt field is an error, not ignored.
 */
import { z } from 'zod';
import { signInAudiences } from '../model/directory-objects.js';
import { USER_CONSENT_POLICIES } from '../directory/consent-policy.js';
import { allowsPersonalAccounts, applicationUrlIssues } from '../directory/application-urls.js';
import { identifierUriProblem } from './redirect-uris.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, 'must be a GUID (8-4-4-4-12 hex digits)');
const name = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const domain = z
  .string()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, 'must be a domain name such as contoso.onmicrosoft.com');
// protocol.md §15.2: scope values ≤ 120 characters, no spaces (they travel space-separated).
const permissionValue = z.string().min(1, 'must not be empty').max(120, 'must be at most 120 characters').regex(/^\S+$/, 'must not contain spaces');
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time');

export { signInAudiences };

/** `Microsoft Graph: [User.Read.All]` or `Microsoft Graph: { application: [...], delegated: [...] }`. */
const permissionSet = z.union([
  z.array(permissionValue),
  z.strictObject({ application: z.array(permissionValue).optional(), delegated: z.array(permissionValue).optional() }),
]);
/** Keyed by resource: `Microsoft Graph`, an appId, an identifier URI, or an app's displayName in the file. */
const permissions = z.record(z.string().min(1, 'must name a resource'), permissionSet);

const user = z.strictObject({
  id: guid.optional(),
  /** `alice@contoso.onmicrosoft.com`, or `alice` for the tenant's initial domain. */
  userPrincipalName: z.string().min(1).max(113).regex(/^[^\s@]+(@[^\s@]+)?$/, 'must be a user principal name such as alice@contoso.onmicrosoft.com'),
  displayName: name.optional(),
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  mobilePhone: z.string().nullable().optional(),
  officeLocation: z.string().nullable().optional(),
  preferredLanguage: z.string().nullable().optional(),
  businessPhones: z.array(z.string()).optional(),
  accountEnabled: z.boolean().optional(),
  password: z.string().min(1, 'must not be empty').max(256).optional(),
  /** Directory role names (`Global Administrator`) or template ids (graph.md §2.9). */
  roles: z.array(z.string().min(1)).optional(),
  /** `true`, or the TOTP secret (base32) to register for the second factor. */
  mfa: z
    .union([z.boolean(), z.strictObject({ required: z.boolean().optional(), totpSecret: z.string().regex(/^[A-Z2-7]{16,128}=*$/i, 'must be a base32 TOTP secret of at least 16 characters').optional() })])
    .optional(),
});

const group = z.strictObject({
  id: guid.optional(),
  displayName: name,
  description: z.string().nullable().optional(),
  mailNickname: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, hyphens or underscores').optional(),
  mailEnabled: z.boolean().optional(),
  securityEnabled: z.boolean().optional(),
  groupTypes: z.array(z.string()).optional(),
  /** User principal names, group displayNames or application displayNames (their service principal) in this tenant, or object ids. */
  members: z.array(z.string().min(1)).optional(),
});

const scope = z.strictObject({
  id: guid.optional(),
  value: permissionValue,
  type: z.enum(['User', 'Admin']).optional(),
  adminConsentDisplayName: z.string().optional(),
  adminConsentDescription: z.string().optional(),
  userConsentDisplayName: z.string().nullable().optional(),
  userConsentDescription: z.string().nullable().optional(),
  isEnabled: z.boolean().optional(),
});

const appRole = z.strictObject({
  id: guid.optional(),
  value: permissionValue,
  displayName: z.string().optional(),
  description: z.string().optional(),
  allowedMemberTypes: z.array(z.enum(['User', 'Application'])).min(1).optional(),
  isEnabled: z.boolean().optional(),
});

/** A user or group assigned to the application (its home-tenant service principal's "Users and groups"). */
const appRoleAssignment = z.strictObject({
  /** A user (user principal name or object id) or a group (displayName or object id) of the app's tenant. */
  principal: z.string().min(1),
  /** The value of one of the app's appRoles that allows `User` members; absent = default access (no role). */
  role: z.string().min(1).optional(),
});

const secret = z.strictObject({
  /** A given value (stable across runs); generated when absent. */
  value: z.string().min(8, 'must be at least 8 characters').max(256).regex(/^\S+$/, 'must not contain white space').optional(),
  displayName: z.string().max(256).optional(),
  endDateTime: isoDate.optional(),
});

const certificate = z
  .strictObject({
    /** PEM (or base64 DER) X.509 certificate. */
    pem: z.string().min(1).optional(),
    /** A PEM file, relative to the environment file. */
    file: z.string().min(1).optional(),
    displayName: z.string().max(256).optional(),
  })
  .refine((c) => (c.pem === undefined) !== (c.file === undefined), 'give exactly one of pem or file');

const redirectUris = z.array(z.string()).optional();

const applicationObject = z
  .strictObject({
    id: guid.optional(),
    appId: guid.optional(),
    displayName: name,
    signInAudience: z.enum(signInAudiences).optional(),
    /** `api://{appId}` is replaced with the app's client id. */
    identifierUris: z.array(z.string()).optional(),
    web: z
      .strictObject({
        redirectUris,
        /** Checked with the redirect URIs (directory/application-urls.ts): http(s) links only. */
        homePageUrl: z.string().nullable().optional(),
        logoutUrl: z.string().nullable().optional(),
        implicitGrantSettings: z.strictObject({ enableAccessTokenIssuance: z.boolean().optional(), enableIdTokenIssuance: z.boolean().optional() }).optional(),
      })
      .optional(),
    spa: z.strictObject({ redirectUris }).optional(),
    publicClient: z.strictObject({ redirectUris }).optional(),
    isFallbackPublicClient: z.boolean().optional(),
    /** protocol.md §15.5: `api.requestedAccessTokenVersion` (manifest `accessTokenAcceptedVersion`). */
    accessTokenAcceptedVersion: z.union([z.literal(1), z.literal(2), z.null()]).optional(),
    /** Delegated permissions the app exposes (`api.oauth2PermissionScopes`). */
    scopes: z.array(scope).optional(),
    appRoles: z.array(appRole).optional(),
    /**
     * protocol.md §14.3 `api.preAuthorizedApplications`: clients (an application's displayName in
     * this file, or an appId) that get the listed scopes of this API without a consent page.
     */
    preAuthorizedApplications: z.array(z.strictObject({ application: z.string().min(1), scopes: z.array(permissionValue).min(1, 'must list at least one scope') })).optional(),
    requiredPermissions: permissions.optional(),
    groupMembershipClaims: z.enum(['None', 'SecurityGroup', 'All', 'DirectoryRole', 'ApplicationGroup']).nullable().optional(),
    secrets: z.array(secret).optional(),
    certificates: z.array(certificate).optional(),
    /** Users and groups assigned to the app (protocol.md §14.2): roles in their tokens, sign-in when assignment is required. */
    appRoleAssignments: z.array(appRoleAssignment).optional(),
    /** The home-tenant service principal (Enterprise application): assignment required, enabled. */
    servicePrincipal: z.strictObject({ appRoleAssignmentRequired: z.boolean().optional(), accountEnabled: z.boolean().optional() }).optional(),
  });
const application = applicationObject.superRefine(checkApplication);

const consent = z.strictObject({
  /** The client: an application's displayName in this file, or its appId. */
  application: z.string().min(1),
  /** A user (UPN or object id) consenting for themself; absent = admin consent for the whole tenant. */
  user: z.string().min(1).optional(),
  /** What is consented; absent = everything the app requires (its requiredPermissions). */
  permissions: permissions.optional(),
});

/**
 * Aliases some callers write: `name` (the short name, `contoso`) for `domain`, and `domains` for
 * `customDomains`. Given together with the canonical field, the alias stays and is refused.
 */
function tenantAliases(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [alias, canonical] of [['name', 'domain'], ['domains', 'customDomains']] as const) {
    if (alias in out && !(canonical in out)) {
      out[canonical] = out[alias];
      delete out[alias];
    }
  }
  return out;
}

const tenantObject = z
  .strictObject({
    id: guid.optional(),
    displayName: name.optional(),
    /** `organization` (default) or `consumers`: the personal-accounts tenant 9188040d-…, which always exists. */
    kind: z.enum(['organization', 'consumers']).optional(),
    /** Initial domain: `contoso` or `contoso.onmicrosoft.com`. */
    domain: domain.optional(),
    customDomains: z.array(domain).optional(),
    countryLetterCode: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').nullable().optional(),
    users: z.array(user).optional(),
    groups: z.array(group).optional(),
    applications: z.array(application).optional(),
    consent: z.array(consent).optional(),
    /**
     * protocol.md §14.3 user consent: `allowed` (default), `notAllowed` (only administrators grant)
     * or `lowRisk` (users consent to openid, profile, email, offline_access and User.Read only).
     * Applied to an existing tenant too: the file is the source of the setting.
     */
    userConsent: z.enum(USER_CONSENT_POLICIES).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.kind !== 'consumers' && t.domain === undefined) ctx.addIssue({ code: 'custom', path: ['domain'], message: 'is required for an organization tenant' });
    if (t.kind === 'consumers' && (t.domain !== undefined || (t.customDomains ?? []).length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['domain'], message: 'the consumers tenant has no domains' });
    }
  });
const tenant = z.preprocess(tenantAliases, tenantObject);

/** The whole environment file. */
export const environmentSchema = z.strictObject({
  /** Editors' JSON-schema hint; ignored. */
  $schema: z.string().optional(),
  tenants: z.array(tenant),
});

/** A validated environment (what `applyEnvironment` takes). */
export type Environment = z.infer<typeof environmentSchema>;
/** One tenant as a file or a test writes it (`name` / `domains`: aliases of `domain` / `customDomains`). */
export type EnvironmentTenantInput = z.input<typeof tenantObject> & { name?: string; domains?: string[] };
/** The input shape (what a file or a test writes). Spelled out: the alias preprocessing would make it `unknown`. */
export interface EnvironmentInput {
  $schema?: string;
  tenants: EnvironmentTenantInput[];
}
export type EnvironmentTenant = z.infer<typeof tenantObject>;
export type EnvironmentUser = z.infer<typeof user>;
export type EnvironmentGroup = z.infer<typeof group>;
export type EnvironmentApplication = z.infer<typeof application>;
export type EnvironmentConsent = z.infer<typeof consent>;
export type EnvironmentAppRoleAssignment = z.infer<typeof appRoleAssignment>;
export type PermissionSet = z.infer<typeof permissionSet>;
export type Permissions = z.infer<typeof permissions>;

/** protocol.md §15.4 redirect URIs and §15.2 links (the directory's rules), identifier URIs and token version. */
function checkApplication(app: z.output<typeof applicationObject>, ctx: z.RefinementCtx): void {
  const msa = allowsPersonalAccounts(app.signInAudience);
  for (const issue of applicationUrlIssues(app)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  (app.identifierUris ?? []).forEach((uri, index) => {
    const problem = identifierUriProblem(uri, { msa });
    if (problem) ctx.addIssue({ code: 'custom', path: ['identifierUris', index], message: problem });
  });
  // protocol.md §15.2: apps personal accounts use must accept v2 access tokens.
  if (msa && (app.scopes ?? []).length > 0 && app.accessTokenAcceptedVersion !== 2) {
    ctx.addIssue({ code: 'custom', path: ['accessTokenAcceptedVersion'], message: 'must be 2 for an API that personal accounts can use' });
  }
  duplicates(app.scopes ?? [], (s) => s.value.toLowerCase()).forEach((i) => ctx.addIssue({ code: 'custom', path: ['scopes', i, 'value'], message: 'duplicate scope value' }));
  (app.preAuthorizedApplications ?? []).forEach((pre, i) =>
    pre.scopes.forEach((value, j) => {
      if (!(app.scopes ?? []).some((s) => s.value.toLowerCase() === value.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['preAuthorizedApplications', i, 'scopes', j], message: `is not one of this application's scopes` });
    }),
  );
  duplicates(app.appRoles ?? [], (r) => r.value.toLowerCase()).forEach((i) => ctx.addIssue({ code: 'custom', path: ['appRoles', i, 'value'], message: 'duplicate app role value' }));
}

/** Indexes of the items whose key was already seen earlier in the list. */
export function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) out.push(index);
    seen.add(k);
  });
  return out;
}
