/**
 * Polymorphic lookups over users, groups and service principals: group members and app role
 * principals are directoryObjects of any of these types (graph.md §2.2, §2.8).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The type of a directory object found by id. */
export type DirectoryObjectKind = 'user' | 'group' | 'servicePrincipal';

/** SQL for directoryObject lookups. */
export function createDirectoryObjectQueries(db: Kysely<Database>) {
  return {
    /** Kind and display name of the object with this id in the tenant, or undefined. */
    async find(tenantId: string, id: string): Promise<{ kind: DirectoryObjectKind; displayName: string } | undefined> {
      const rows = await db
        .selectFrom('users')
        .select(['display_name'])
        .select((eb) => eb.val('user').as('kind'))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .unionAll(
          db.selectFrom('groups').select(['display_name']).select((eb) => eb.val('group').as('kind')).where('tenant_id', '=', tenantId).where('id', '=', id),
        )
        .unionAll(
          db
            .selectFrom('service_principals')
            .select(['display_name'])
            .select((eb) => eb.val('servicePrincipal').as('kind'))
            .where('tenant_id', '=', tenantId)
            .where('id', '=', id),
        )
        .execute();
      const row = rows[0];
      return row === undefined ? undefined : { kind: row.kind as DirectoryObjectKind, displayName: row.display_name };
    },

    /** Display names of objects by id (any kind) in the tenant. */
    async displayNames(tenantId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const unique = [...new Set(ids)];
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', unique)
        .unionAll(db.selectFrom('groups').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', unique))
        .unionAll(db.selectFrom('service_principals').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', unique))
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },
  };
}

export type DirectoryObjectQueries = ReturnType<typeof createDirectoryObjectQueries>;
