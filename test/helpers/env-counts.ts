/**
 * Row counts of every directory table: "applying twice creates no duplicates" and "a refused
 * environment changes nothing" are asserted on these, not on what the engine says it did.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/schema.js';

export const DIRECTORY_TABLES = [
  'tenants',
  'domains',
  'users',
  'directory_role_assignments',
  'groups',
  'group_members',
  'applications',
  'password_credentials',
  'key_credentials',
  'service_principals',
  'oauth2_permission_grants',
  'app_role_assignments',
] as const satisfies ReadonlyArray<keyof Database>;

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DIRECTORY_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
