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
