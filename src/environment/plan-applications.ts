/**
 * Planning applications: match existing registrations (by object id, appId, else displayName in
 * the home tenant), fix ids of new apps and of the scopes and roles they expose, then resolve
 * their required permissions by name (against Microsoft Graph, the file's own apps, or apps
 * already in the directory) and plan their secrets and certificates.
 */
import { newGuid } from '../lib/ids.js';
import type { Application, AppRole, PermissionScope, PreAuthorizedApplication } from '../directory/types.js';
import { formatPath } from './errors.js';
import type { AppPlan, Path, PlanContext, TenantPlan } from './plan-types.js';
import { planCertificates, planSecrets } from './plan-credentials.js';
import { createResourceLookup, type ResourceLookup } from './resource-lookup.js';
import { resolvePermissionSet, toRequiredResourceAccess, type ResolvedPermissions, type ResourceDefinition } from './resources.js';
import type { EnvironmentApplication, Permissions } from './schema.js';

interface Matched {
  tenant: TenantPlan;
  input: EnvironmentApplication;
  path: Path;
  existing: Application | undefined;
  definition: ResourceDefinition;
  id: string;
}

/** Plans every application of every tenant. */
export async function planApplications(
  ctx: PlanContext,
  tenants: ReadonlyArray<{ plan: TenantPlan; applications: readonly EnvironmentApplication[] }>,
): Promise<{ applications: AppPlan[]; lookup: ResourceLookup; warnings: string[] }> {
  const matched: Matched[] = [];
  const appIds = new Set<string>();
  for (const { plan, applications } of tenants) {
    const names = new Set<string>();
    for (const [index, input] of applications.entries()) {
      const path: Path = [...plan.path, 'applications', index];
      if (input.appId === undefined && input.id === undefined && names.has(input.displayName)) {
        ctx.issues.add([...path, 'displayName'], 'two applications in this tenant share this displayName; give each an appId');
        continue;
      }
      names.add(input.displayName);
      const m = await match(ctx, plan, input, path);
      if (m === undefined) continue;
      if (appIds.has(m.definition.appId)) {
        ctx.issues.add([...path, 'appId'], 'the same application appears twice in the file');
        continue;
      }
      appIds.add(m.definition.appId);
      matched.push(m);
    }
  }
  const lookup = createResourceLookup(ctx.dir, matched.map((m) => m.definition));
  const applications: AppPlan[] = [];
  const warnings: string[] = [];
  for (const m of matched) {
    const required = await resolveRequired(ctx, lookup, m.input.requiredPermissions, [...m.path, 'requiredPermissions']);
    const preAuthorized = await resolvePreAuthorized(ctx, lookup, m);
    applications.push(await toPlan(ctx, m, required, preAuthorized));
    if (m.existing !== undefined && (differs(m.existing, m.input) || (m.input.preAuthorizedApplications !== undefined && !samePreAuthorized(m.existing.api.preAuthorizedApplications, preAuthorized)))) {
      warnings.push(`${formatPath(m.path)}: '${m.input.displayName}' already exists; changes to existing applications are not applied`);
    }
  }
  return { applications, lookup, warnings };
}

async function match(ctx: PlanContext, tenant: TenantPlan, input: EnvironmentApplication, path: Path): Promise<Matched | undefined> {
  let existing: Application | undefined;
  if (input.id !== undefined) existing = await ctx.dir.getApplication(input.id.toLowerCase());
  if (existing === undefined && input.appId !== undefined) existing = await ctx.dir.getApplicationByAppId(input.appId.toLowerCase());
  if (existing === undefined && input.id === undefined && input.appId === undefined && tenant.existing !== undefined) {
    existing = (await ctx.dir.listApplications(tenant.id)).find((a) => a.displayName === input.displayName);
  }
  if (existing !== undefined && existing.tenantId !== tenant.id) {
    ctx.issues.add([...path, input.appId !== undefined ? 'appId' : 'id'], `is registered in another tenant (${existing.tenantId})`);
    return undefined;
  }
  if (existing !== undefined) {
    const definition: ResourceDefinition = {
      appId: existing.appId,
      displayName: existing.displayName,
      identifierUris: existing.identifierUris,
      appRoles: existing.appRoles,
      scopes: existing.api.oauth2PermissionScopes,
      tenantId: existing.tenantId,
    };
    return { tenant, input, path, existing, definition, id: existing.id };
  }
  const appId = input.appId?.toLowerCase() ?? newGuid();
  const definition: ResourceDefinition = {
    appId,
    displayName: input.displayName,
    identifierUris: (input.identifierUris ?? []).map((u) => u.replace('{appId}', appId)),
    appRoles: (input.appRoles ?? []).map(toAppRole),
    scopes: (input.scopes ?? []).map(toScope),
    tenantId: tenant.id,
  };
  return { tenant, input, path, existing: undefined, definition, id: input.id?.toLowerCase() ?? newGuid() };
}

function toAppRole(r: NonNullable<EnvironmentApplication['appRoles']>[number]): AppRole {
  const displayName = r.displayName ?? r.value;
  return {
    id: r.id?.toLowerCase() ?? newGuid(),
    value: r.value,
    displayName,
    description: r.description ?? displayName,
    allowedMemberTypes: r.allowedMemberTypes ?? ['Application'],
    isEnabled: r.isEnabled ?? true,
  };
}

function toScope(s: NonNullable<EnvironmentApplication['scopes']>[number]): PermissionScope {
  const adminName = s.adminConsentDisplayName ?? s.value;
  return {
    id: s.id?.toLowerCase() ?? newGuid(),
    value: s.value,
    type: s.type ?? 'User',
    adminConsentDisplayName: adminName,
    adminConsentDescription: s.adminConsentDescription ?? adminName,
    userConsentDisplayName: s.userConsentDisplayName === undefined ? adminName : s.userConsentDisplayName,
    userConsentDescription: s.userConsentDescription === undefined ? (s.adminConsentDescription ?? adminName) : s.userConsentDescription,
    isEnabled: s.isEnabled ?? true,
  };
}

/** Resolves a `{ resource: names }` map; problems go to `ctx.issues` under `path`. */
export async function resolveRequired(
  ctx: PlanContext,
  lookup: ResourceLookup,
  permissions: Permissions | undefined,
  path: Path,
  options: { delegatedOnly?: boolean } = {},
): Promise<ResolvedPermissions[]> {
  const out: ResolvedPermissions[] = [];
  for (const [key, set] of Object.entries(permissions ?? {})) {
    const resource = await lookup.find(key);
    if (resource === 'ambiguous') {
      ctx.issues.add([...path, key], 'several applications in the file have this displayName; use the appId');
      continue;
    }
    if (resource === undefined) {
      ctx.issues.add([...path, key], 'unknown resource: give Microsoft Graph, an appId, an identifier URI or the displayName of an application in this file');
      continue;
    }
    const { resolved, problems } = resolvePermissionSet(resource, set, options);
    for (const p of problems) ctx.issues.add([...path, key, ...p.path], p.message);
    out.push({ ...resolved, key });
  }
  return out;
}

/** protocol.md §14.3: the clients named by `preAuthorizedApplications`, with this API's scope ids. */
async function resolvePreAuthorized(ctx: PlanContext, lookup: ResourceLookup, m: Matched): Promise<PreAuthorizedApplication[]> {
  const out: PreAuthorizedApplication[] = [];
  for (const [index, entry] of (m.input.preAuthorizedApplications ?? []).entries()) {
    const client = await lookup.find(entry.application);
    if (client === undefined || client === 'ambiguous') {
      ctx.issues.add([...m.path, 'preAuthorizedApplications', index, 'application'], client === 'ambiguous' ? 'several applications in the file have this displayName; use the appId' : 'unknown application: give the displayName of an application in this file or an appId');
      continue;
    }
    const ids = entry.scopes.flatMap((value) => m.definition.scopes.filter((s) => s.value.toLowerCase() === value.toLowerCase()).map((s) => s.id));
    out.push({ appId: client.appId, delegatedPermissionIds: [...new Set(ids)] });
  }
  return out;
}

function samePreAuthorized(a: readonly PreAuthorizedApplication[], b: readonly PreAuthorizedApplication[]): boolean {
  const key = (list: readonly PreAuthorizedApplication[]) => JSON.stringify(list.map((p) => [p.appId, [...p.delegatedPermissionIds].sort()]).sort());
  return key(a) === key(b);
}

async function toPlan(ctx: PlanContext, m: Matched, required: ResolvedPermissions[], preAuthorized: PreAuthorizedApplication[]): Promise<AppPlan> {
  const { input, existing, definition } = m;
  const signInAudience = existing?.signInAudience ?? input.signInAudience ?? 'AzureADMyOrg';
  const redirectUris = existing
    ? { web: existing.web.redirectUris, spa: existing.spa.redirectUris, publicClient: existing.publicClient.redirectUris }
    : { web: input.web?.redirectUris ?? [], spa: input.spa?.redirectUris ?? [], publicClient: input.publicClient?.redirectUris ?? [] };
  const requiredResourceAccess = existing?.requiredResourceAccess ?? toRequiredResourceAccess(required);
  return {
    path: m.path,
    tenantId: m.tenant.id,
    id: m.id,
    appId: definition.appId,
    displayName: definition.displayName,
    signInAudience,
    definition,
    requiredResourceAccess,
    redirectUris,
    existing,
    create: existing
      ? null
      : {
          id: m.id,
          appId: definition.appId,
          displayName: input.displayName,
          signInAudience,
          identifierUris: [...definition.identifierUris],
          web: {
            redirectUris: redirectUris.web,
            homePageUrl: input.web?.homePageUrl ?? null,
            logoutUrl: input.web?.logoutUrl ?? null,
            implicitGrantSettings: input.web?.implicitGrantSettings ?? {},
          },
          spa: { redirectUris: redirectUris.spa },
          publicClient: { redirectUris: redirectUris.publicClient },
          isFallbackPublicClient: input.isFallbackPublicClient ?? false,
          api: { requestedAccessTokenVersion: input.accessTokenAcceptedVersion ?? null, oauth2PermissionScopes: [...definition.scopes], preAuthorizedApplications: preAuthorized },
          appRoles: [...definition.appRoles],
          requiredResourceAccess,
          groupMembershipClaims: input.groupMembershipClaims ?? null,
          servicePrincipal: input.servicePrincipal ?? {},
        },
    secrets: await planSecrets(ctx, m.path, input.secrets ?? [], existing),
    certificates: await planCertificates(ctx, m.path, input.certificates ?? [], existing),
  };
}

function differs(existing: Application, input: EnvironmentApplication): boolean {
  const same = (a: readonly string[], b: readonly string[] | undefined) => b === undefined || (a.length === b.length && a.every((x, i) => x === b[i]));
  return (
    !same(existing.web.redirectUris, input.web?.redirectUris) ||
    !same(existing.spa.redirectUris, input.spa?.redirectUris) ||
    !same(existing.publicClient.redirectUris, input.publicClient?.redirectUris)
  );
}
