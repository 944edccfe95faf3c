/** Tenants and their domains (protocol.md §2.1, graph.md §2.3–2.4). */
import type { Kysely } from 'kysely';
import type { Domain, Tenant } from '../../model/directory-objects.js';
import type { Database, NewRow, Row } from '../schema.js';
import { fromBool, toBool } from './listing.js';

function toDomain(row: Row<'domains'>): Domain {
  return { name: row.name, isInitial: toBool(row.is_initial), isDefault: toBool(row.is_default), isVerified: toBool(row.is_verified) };
}

function toTenant(row: Row<'tenants'>, domains: Row<'domains'>[]): Tenant {
  return {
    id: row.id,
    displayName: row.display_name,
    kind: row.kind,
    countryLetterCode: row.country_letter_code,
    createdDateTime: row.created_at,
    // Initial domain first, then by name: a stable order for verifiedDomains.
    domains: domains
      .filter((d) => d.tenant_id === row.id)
      .sort((a, b) => b.is_initial - a.is_initial || a.name.localeCompare(b.name))
      .map(toDomain),
  };
}

/** SQL for the tenants aggregate. */
export function createTenantQueries(db: Kysely<Database>) {
  async function withDomains(rows: Row<'tenants'>[]): Promise<Tenant[]> {
    if (rows.length === 0) return [];
    const domains = await db
      .selectFrom('domains')
      .selectAll()
      .where('tenant_id', 'in', rows.map((r) => r.id))
      .execute();
    return rows.map((row) => toTenant(row, domains));
  }

  return {
    async insert(tenant: NewRow<'tenants'>, domains: Array<{ name: string } & Omit<Domain, 'name'>>): Promise<void> {
      await db.insertInto('tenants').values(tenant).execute();
      for (const domain of domains) {
        await db
          .insertInto('domains')
          .values({
            name: domain.name,
            tenant_id: tenant.id,
            is_initial: fromBool(domain.isInitial),
            is_default: fromBool(domain.isDefault),
            is_verified: fromBool(domain.isVerified),
          })
          .execute();
      }
    },

    async findById(id: string): Promise<Tenant | undefined> {
      const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (await withDomains([row]))[0];
    },

    /** `name` must already be lower-cased (domains are stored lower-cased). */
    async findByDomain(name: string): Promise<Tenant | undefined> {
      const row = await db
        .selectFrom('domains')
        .innerJoin('tenants', 'tenants.id', 'domains.tenant_id')
        .selectAll('tenants')
        .where('domains.name', '=', name)
        .where('domains.is_verified', '=', 1)
        .executeTakeFirst();
      return row === undefined ? undefined : (await withDomains([row]))[0];
    },

    /** protocol.md §14.3: the tenant's user-consent setting; undefined when no such tenant. */
    async userConsent(id: string): Promise<string | undefined> {
      const row = await db.selectFrom('tenants').select('user_consent').where('id', '=', id).executeTakeFirst();
      return row?.user_consent;
    },

    /** Returns false when no such tenant. */
    async setUserConsent(id: string, policy: string): Promise<boolean> {
      const result = await db.updateTable('tenants').set({ user_consent: policy }).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async list(): Promise<Tenant[]> {
      return withDomains(await db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute());
    },
  };
}

export type TenantQueries = ReturnType<typeof createTenantQueries>;
