/**
 * The protocol-state queries (design.md "Front channel and protocol state"), bound to one Kysely
 * instance, which may be a transaction. Separate from `createQueries` on purpose: nothing here
 * touches a directory table or the directory's cache.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { createAuthorizationCodeQueries } from './authorization-codes.js';
import { createDeviceCodeQueries } from './device-codes.js';
import { createFailureCounterQueries } from './failure-counters.js';
import { createRefreshTokenQueries } from './refresh-tokens.js';
import { createSsoSessionQueries } from './sso-sessions.js';
import { iso } from './state-rows.js';

/** The tables the sweeper empties of expired rows, with their primary key. */
const SWEPT = {
  authorization_codes: 'code_digest',
  device_codes: 'device_code_digest',
  refresh_tokens: 'token_digest',
  refresh_token_families: 'family_id',
  sso_sessions: 'session_digest',
  failure_counters: 'key',
} as const;

export type SweptTable = keyof typeof SWEPT;

export function createProtocolStateQueries(db: Kysely<Database>) {
  return {
    codes: createAuthorizationCodeQueries(db),
    deviceCodes: createDeviceCodeQueries(db),
    refreshTokens: createRefreshTokenQueries(db),
    sessions: createSsoSessionQueries(db),
    counters: createFailureCounterQueries(db),

    /**
     * Deletes at most `limit` rows of `table` whose `expires_at` is before `cutoff`; returns how
     * many. Bounded, so one sweep never holds SQLite's write lock (or PostgreSQL row locks) long.
     * Families take their tokens and sessions their accounts with them (ON DELETE CASCADE).
     */
    async deleteExpired(table: SweptTable, cutoff: Date, limit: number): Promise<number> {
      const key = SWEPT[table];
      // Each table's own columns; the union of table names defeats Kysely's inference here.
      const t = table as 'failure_counters';
      const k = key as 'key';
      const result = await db
        .deleteFrom(t)
        .where(k, 'in', db.selectFrom(t).select(k).where('expires_at', '<', iso(cutoff)).limit(limit))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ProtocolStateQueries = ReturnType<typeof createProtocolStateQueries>;
