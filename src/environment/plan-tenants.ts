/**
 * Planning tenants and users: match what exists (tenant by id, else initial domain; user by id,
 * else userPrincipalName), choose ids for what does not, resolve role names (graph.md §2.9).
 */
import { CONSUMERS_TENANT_ID } from '../directory/graph-catalog.js';
import { newGuid } from '../lib/ids.js';
import { formatPath } from './errors.js';
import type { Path, PlanContext, TenantPlan, UserPlan } from './plan-types.js';
import { roleTemplateId } from './role-templates.js';
import type { EnvironmentTenant, EnvironmentUser } from './schema.js';

/** `contoso` → `contoso.onmicrosoft.com` (the directory's rule for initial domains). */
export function initialDomainOf(domain: string): string {
  const lower = domain.trim().toLowerCase().replace(/\.$/, '');
  return lower.includes('.') ? lower : `${lower}.onmicrosoft.com`;
}

/** Plans every tenant of the file; reports duplicates and mismatches to `ctx.issues`. */
export async function planTenants(ctx: PlanContext, tenants: readonly EnvironmentTenant[]): Promise<TenantPlan[]> {
  const seen = new Map<string, string>();
  const plans: TenantPlan[] = [];
  for (const [index, t] of tenants.entries()) {
    const path: Path = ['tenants', index];
    const plan = t.kind === 'consumers' ? await planConsumers(ctx, t, path) : await planOrganization(ctx, t, path);
    if (plan === undefined) continue;
    const key = plan.id;
    if (seen.has(key)) ctx.issues.add(path, `the same tenant as ${seen.get(key)}`);
    else seen.set(key, formatPath(path));
    plans.push(plan);
  }
  return plans;
}

async function planConsumers(ctx: PlanContext, t: EnvironmentTenant, path: Path): Promise<TenantPlan | undefined> {
  if (t.id !== undefined && t.id.toLowerCase() !== CONSUMERS_TENANT_ID) {
    ctx.issues.add([...path, 'id'], `the consumers tenant's id is ${CONSUMERS_TENANT_ID}`);
    return undefined;
  }
  const existing = await ctx.dir.ensureConsumersTenant();
  return { path, id: CONSUMERS_TENANT_ID, kind: 'consumers', displayName: existing.displayName, domain: null, existing, create: null, userConsent: t.userConsent ?? null };
}

async function planOrganization(ctx: PlanContext, t: EnvironmentTenant, path: Path): Promise<TenantPlan | undefined> {
  const domain = initialDomainOf(t.domain ?? '');
  if (t.id?.toLowerCase() === CONSUMERS_TENANT_ID) {
    ctx.issues.add([...path, 'id'], 'is the consumers tenant; give kind: consumers');
    return undefined;
  }
  const byId = t.id === undefined ? undefined : await ctx.dir.getTenant(t.id);
  const byDomain = await ctx.dir.findTenantByDomain(domain);
  if (byDomain !== undefined && byId === undefined && t.id !== undefined) {
    ctx.issues.add([...path, 'domain'], `'${domain}' belongs to tenant ${byDomain.id}, not ${t.id.toLowerCase()}`);
    return undefined;
  }
  const existing = byId ?? byDomain;
  if (existing !== undefined && !existing.domains.some((d) => d.isInitial && d.name === domain)) {
    const initial = existing.domains.find((d) => d.isInitial)?.name ?? '(none)';
    ctx.issues.add([...path, 'domain'], `tenant ${existing.id} exists with initial domain ${initial}, not ${domain}`);
    return undefined;
  }
  const displayName = t.displayName ?? existing?.displayName ?? domain.split('.')[0] ?? domain;
  if (existing !== undefined) return { path, id: existing.id, kind: 'organization', displayName, domain, existing, create: null, userConsent: t.userConsent ?? null };
  const id = t.id?.toLowerCase() ?? newGuid();
  return {
    path,
    id,
    kind: 'organization',
    displayName,
    domain,
    existing: undefined,
    userConsent: t.userConsent ?? null,
    create: { id, displayName, initialDomain: domain, customDomains: t.customDomains ?? [], kind: 'organization', countryLetterCode: t.countryLetterCode ?? null },
  };
}

/** `alice` → `alice@<initial domain>`; a full UPN is kept as given. */
export function qualifyUpn(upn: string, tenant: TenantPlan): string {
  return upn.includes('@') || tenant.domain === null ? upn : `${upn}@${tenant.domain}`;
}

/** Plans the users of one tenant. */
export async function planUsers(ctx: PlanContext, tenant: TenantPlan, users: readonly EnvironmentUser[]): Promise<UserPlan[]> {
  const plans: UserPlan[] = [];
  const seen = new Set<string>();
  for (const [index, u] of users.entries()) {
    const path: Path = [...tenant.path, 'users', index];
    const upn = qualifyUpn(u.userPrincipalName, tenant);
    if (seen.has(upn.toLowerCase()) || (u.id !== undefined && seen.has(u.id.toLowerCase()))) {
      ctx.issues.add([...path, 'userPrincipalName'], 'duplicate user in this tenant');
      continue;
    }
    seen.add(upn.toLowerCase());
    if (u.id !== undefined) seen.add(u.id.toLowerCase());
    const roles: string[] = [];
    (u.roles ?? []).forEach((role, i) => {
      const id = roleTemplateId(role);
      if (id === undefined) ctx.issues.add([...path, 'roles', i], `unknown directory role '${role}' (see graph.md §2.9 for the built-in roles)`);
      else if (!roles.includes(id)) roles.push(id);
    });
    const mfa = u.mfa === true || (typeof u.mfa === 'object' && u.mfa.required !== false);
    const totpSecret = typeof u.mfa === 'object' ? (u.mfa.totpSecret?.toUpperCase() ?? null) : null;
    const existing = tenant.existing === undefined ? undefined : await findUser(ctx, tenant.id, u.id, upn);
    const id = existing?.id ?? u.id?.toLowerCase() ?? newGuid();
    const displayName = u.displayName ?? existing?.displayName ?? upn.split('@')[0] ?? upn;
    const password = u.password ?? null;
    plans.push({
      path,
      tenantId: tenant.id,
      id,
      userPrincipalName: existing?.userPrincipalName ?? upn,
      displayName,
      password,
      roles,
      mfa,
      totpSecret,
      existing,
      create: existing !== undefined ? null : toNewUser(u, { id, upn, displayName, password, roles, mfa, totpSecret }),
    });
  }
  return plans;
}

async function findUser(ctx: PlanContext, tenantId: string, id: string | undefined, upn: string) {
  return (id === undefined ? undefined : await ctx.dir.getUser(tenantId, id)) ?? (await ctx.dir.getUser(tenantId, upn));
}

function toNewUser(
  u: EnvironmentUser,
  p: { id: string; upn: string; displayName: string; password: string | null; roles: string[]; mfa: boolean; totpSecret: string | null },
) {
  return {
    id: p.id,
    userPrincipalName: p.upn,
    displayName: p.displayName,
    givenName: u.givenName ?? null,
    surname: u.surname ?? null,
    mail: u.mail ?? null,
    jobTitle: u.jobTitle ?? null,
    mobilePhone: u.mobilePhone ?? null,
    officeLocation: u.officeLocation ?? null,
    preferredLanguage: u.preferredLanguage ?? null,
    businessPhones: u.businessPhones ?? [],
    accountEnabled: u.accountEnabled ?? true,
    password: p.password,
    mfa: { required: p.mfa, totpSecret: p.totpSecret },
    directoryRoles: p.roles,
  };
}
