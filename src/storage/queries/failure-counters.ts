/** SQL for `failure_counters`: windowed failure counts with an optional lock-out instant. */
import type { Kysely } from 'kysely';
import type { Database, Row } from '../schema.js';
import { iso } from './state-rows.js';

export type CounterRow = Row<'failure_counters'>;

export function createFailureCounterQueries(db: Kysely<Database>) {
  return {
    /**
     * Counts one failure in one statement (an upsert, so concurrent hits never lose a count):
     * a new row, or a fresh window when the last one ended, or one more in the current window.
     */
    async hit(key: string, now: Date, windowEndsAt: Date): Promise<CounterRow> {
      const at = iso(now);
      const end = iso(windowEndsAt);
      return db
        .insertInto('failure_counters')
        .values({ key, window_start: at, window_ends_at: end, count: 1, locked_until: null, expires_at: end })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const lapsed = eb('failure_counters.window_ends_at', '<=', at);
            return {
              count: eb.case().when(lapsed).then(1).else(eb('failure_counters.count', '+', 1)).end(),
              window_start: eb.case().when(lapsed).then(at).else(eb.ref('failure_counters.window_start')).end(),
              window_ends_at: eb.case().when(lapsed).then(end).else(eb.ref('failure_counters.window_ends_at')).end(),
              expires_at: eb
                .case()
                .when(eb('failure_counters.expires_at', '<', end).and(lapsed))
                .then(end)
                .else(eb.ref('failure_counters.expires_at'))
                .end(),
            };
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async lock(key: string, lockedUntil: Date, expiresAt: Date): Promise<void> {
      await db.updateTable('failure_counters').set({ locked_until: iso(lockedUntil), expires_at: iso(expiresAt) }).where('key', '=', key).execute();
    },

    async find(key: string, now: Date): Promise<CounterRow | undefined> {
      return db.selectFrom('failure_counters').selectAll().where('key', '=', key).where('expires_at', '>', iso(now)).executeTakeFirst();
    },

    async delete(key: string): Promise<void> {
      await db.deleteFrom('failure_counters').where('key', '=', key).execute();
    },
  };
}
