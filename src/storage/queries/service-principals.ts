/**
 * Service principals: one per application per tenant (protocol.md §15.1). A service principal
 * is returned with its application's definition, so app changes are seen at once; first-party
 * service principals (application_id null) are completed by the directory from its catalog.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database, Row } from '../schema.js';
import { createApplicationQueries, type ApplicationDefinition } from './applications.js';
import { escapeLike } from './listing.js';

/** A service principal row with the definition of its application (null: first-party). */
export interface ServicePrincipalRecord {
  row: Row<'service_principals'>;
  application: ApplicationDefinition | null;
}

/** SQL for the service principals aggregate. */
export function createServicePrincipalQueries(db: Kysely<Database>) {
  const applications = createApplicationQueries(db);

  async function attach(rows: Row<'service_principals'>[]): Promise<ServicePrincipalRecord[]> {
    const ids = rows.flatMap((r) => (r.application_id === null ? [] : [r.application_id]));
    const definitions = await applications.definitionsByIds(ids);
    return rows.map((row) => ({
      row,
      application: row.application_id === null ? null : (definitions.get(row.application_id) ?? null),
    }));
  }

  async function first(rows: Row<'service_principals'>[]): Promise<ServicePrincipalRecord | undefined> {
    return rows.length === 0 ? undefined : (await attach(rows.slice(0, 1)))[0];
  }

  const inTenant = (tenantId: string) => db.selectFrom('service_principals').selectAll().where('tenant_id', '=', tenantId);

  return {
    async insert(row: Row<'service_principals'>): Promise<void> {
      await db.insertInto('service_principals').values(row).execute();
    },

    async findById(tenantId: string, id: string): Promise<ServicePrincipalRecord | undefined> {
      return first(await inTenant(tenantId).where('id', '=', id).execute());
    },

    async findByAppId(tenantId: string, appId: string): Promise<ServicePrincipalRecord | undefined> {
      return first(await inTenant(tenantId).where('app_id', '=', appId).execute());
    },

    async findManyByIds(tenantId: string, ids: string[]): Promise<ServicePrincipalRecord[]> {
      if (ids.length === 0) return [];
      return attach(await inTenant(tenantId).where('id', 'in', ids).execute());
    },

    async listByTenant(tenantId: string): Promise<ServicePrincipalRecord[]> {
      return attach(await inTenant(tenantId).orderBy('created_at').orderBy('id').execute());
    },

    /**
     * Service principals in the tenant whose application lists one of `uris` exactly among its
     * identifierUris. The LIKE over the JSON text only narrows the rows (its case rules differ
     * between engines); the exact comparison happens here, identically on both.
     */
    async findByIdentifierUri(tenantId: string, uris: string[]): Promise<ServicePrincipalRecord[]> {
      if (uris.length === 0) return [];
      const patterns = uris.map((uri) => `%${escapeLike(JSON.stringify(uri))}%`);
      const rows = await db
        .selectFrom('service_principals')
        .innerJoin('applications', 'applications.id', 'service_principals.application_id')
        .selectAll('service_principals')
        .where('service_principals.tenant_id', '=', tenantId)
        .where(sql<SqlBool>`(${sql.join(patterns.map((p) => sql`applications.identifier_uris like ${p} escape '\\'`), sql` or `)})`)
        .orderBy('service_principals.id')
        .execute();
      const records = await attach(rows);
      return records.filter((r) => r.application?.identifierUris.some((u) => uris.includes(u)) === true);
    },
  };
}

export type ServicePrincipalQueries = ReturnType<typeof createServicePrincipalQueries>;
