/**
 * Tenants and domains (protocol.md §2.1, graph.md §2.3–2.4). Every tenant has the Microsoft
 * Graph service principal (design.md Layers), created in the same transaction.
 */
import { isGuid, newGuid } from '../lib/ids.js';
import type { Queries } from '../storage/queries/index.js';
import type { NewTenant } from './directory.js';
import type { DirectoryContext } from './context.js';
import { ConflictError, ValidationError } from './errors.js';
import { CONSUMERS_TENANT_ID, GRAPH_APP_ID } from './graph-catalog.js';
import { onConflictRetry } from './retry.js';
import { ensureServicePrincipalIn, firstPartyRow } from './service-principals.js';
import type { Tenant } from './types.js';

const INITIAL_DOMAIN_SUFFIX = '.onmicrosoft.com';
// RFC 1035 host names: dot-separated labels of letters, digits and inner hyphens.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Lower-case a domain name (domains resolve case-insensitively, protocol.md §2.1). */
export function normalizeDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function checkedDomain(name: string): string {
  const domain = normalizeDomain(name);
  if (!DOMAIN.test(domain)) throw new ValidationError('InvalidDomainName', `'${name}' is not a valid domain name`);
  return domain;
}

/** `contoso` → `contoso.onmicrosoft.com`; a full name is kept as given (lower-cased). */
function initialDomainOf(label: string): string {
  const name = normalizeDomain(label);
  return checkedDomain(name.includes('.') ? name : `${name}${INITIAL_DOMAIN_SUFFIX}`);
}

async function insertTenant(q: Queries, now: Date, tenant: Omit<Tenant, 'createdDateTime'>): Promise<void> {
  await q.tenants.insert(
    { id: tenant.id, display_name: tenant.displayName, kind: tenant.kind, country_letter_code: tenant.countryLetterCode, created_at: now.toISOString() },
    tenant.domains,
  );
  await q.servicePrincipals.insert(firstPartyRow(tenant.id, GRAPH_APP_ID, now));
}

/** Directory methods for tenants. */
export function tenantOperations(ctx: DirectoryContext) {
  const getTenant = (id: string) => ctx.read((q) => (isGuid(id) ? q.tenants.findById(id.toLowerCase()) : Promise.resolve(undefined)));

  async function createTenant(input: NewTenant): Promise<Tenant> {
    if (input.id !== undefined && !isGuid(input.id)) throw new ValidationError('InvalidTenantId', `'${input.id}' is not a GUID`);
    if (input.displayName.trim() === '') throw new ValidationError('InvalidDisplayName', 'displayName is required');
    const id = input.id?.toLowerCase() ?? newGuid();
    const initial = initialDomainOf(input.initialDomain);
    const custom = [...new Set((input.customDomains ?? []).map(checkedDomain))].filter((d) => d !== initial);
    // The initial domain stays the default (Entra makes it default until an admin changes it).
    const domains = [
      { name: initial, isInitial: true, isDefault: true, isVerified: true },
      ...custom.map((name) => ({ name, isInitial: false, isDefault: false, isVerified: true })),
    ];
    await ctx.write(
      async (q) => {
        if (await q.tenants.findById(id)) throw new ConflictError('TenantConflict', `Tenant '${id}' already exists`);
        for (const domain of domains) {
          if (await q.tenants.findByDomain(domain.name)) {
            throw new ConflictError('DomainConflict', `Domain '${domain.name}' is already used by another tenant`);
          }
        }
        await insertTenant(q, ctx.now(), {
          id,
          displayName: input.displayName,
          kind: input.kind ?? 'organization',
          countryLetterCode: input.countryLetterCode ?? null,
          domains,
        });
      },
      { conflict: () => new ConflictError('TenantConflict', 'The tenant id or one of its domains is already in use') },
    );
    return (await getTenant(id)) as Tenant;
  }

  async function ensureConsumersTenant(): Promise<Tenant> {
    const ensure = () =>
      ctx.write(async (q) => {
        const existing = await q.tenants.findById(CONSUMERS_TENANT_ID);
        if (existing === undefined) {
          await insertTenant(q, ctx.now(), {
            id: CONSUMERS_TENANT_ID,
            displayName: 'Microsoft Accounts',
            kind: 'consumers',
            countryLetterCode: null,
            domains: [],
          });
        } else {
          await ensureServicePrincipalIn(q, ctx.now(), CONSUMERS_TENANT_ID, GRAPH_APP_ID);
        }
      });
    // The migration seeds it; this repairs a database where it was removed.
    const existing = await getTenant(CONSUMERS_TENANT_ID);
    if (existing === undefined || !(await ctx.read((q) => q.servicePrincipals.findByAppId(CONSUMERS_TENANT_ID, GRAPH_APP_ID)))) {
      await onConflictRetry(ensure, ensure);
    }
    return (await getTenant(CONSUMERS_TENANT_ID)) as Tenant;
  }

  return {
    getTenant,
    findTenantByDomain: (domain: string) => {
      const name = normalizeDomain(domain);
      // Only valid names are ever stored; anything else (NUL included, which PostgreSQL refuses
      // as a parameter) names no tenant and never reaches SQL.
      return DOMAIN.test(name) ? ctx.read((q) => q.tenants.findByDomain(name)) : Promise.resolve(undefined);
    },
    listTenants: () => ctx.read((q) => q.tenants.list()),
    createTenant,
    ensureConsumersTenant,
  };
}
