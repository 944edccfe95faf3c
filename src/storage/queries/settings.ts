/** Instance-wide key/value settings (e.g. schema-independent flags set by the CLI). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** SQL for the settings table. */
export function createSettingsQueries(db: Kysely<Database>) {
  return {
    async get(name: string): Promise<string | undefined> {
      const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
      return row?.value;
    },

    /** Insert or replace. */
    async set(name: string, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    },

    /** Insert unless a value exists; returns the stored value (ours or the one that won a race). */
    async setIfAbsent(name: string, value: string): Promise<string> {
      await db
        .insertInto('settings')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },

    async delete(name: string): Promise<void> {
      await db.deleteFrom('settings').where('name', '=', name).execute();
    },

    async list(): Promise<Record<string, string>> {
      const rows = await db.selectFrom('settings').selectAll().orderBy('name').execute();
      return Object.fromEntries(rows.map((r) => [r.name, r.value]));
    },
  };
}

export type SettingsQueries = ReturnType<typeof createSettingsQueries>;
