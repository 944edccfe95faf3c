/**
 * Failure counters: sign-in and password-grant lockout (per user, per client address; Entra's
 * smart lockout, AADSTS50053) and failed client authentication. Shared by every worker and node,
 * unlike an in-memory throttle. Keys are the caller's (`signin:user:<id>`, `signin:ip:<addr>`,
 * `client-auth:<client id>`); they name no secret.
 */
import type { CounterRow } from '../storage/queries/failure-counters.js';
import { after } from './lifetimes.js';
import type { StateContext } from './context.js';
import type { Counter } from './types.js';

export interface CounterPolicy {
  /** Failures are counted in windows this long, starting at the first failure. */
  windowMs: number;
  /** Lock out once the count reaches `limit`, for `lockMs` (both or neither). */
  limit?: number;
  lockMs?: number;
}

function toCounter(row: CounterRow, now: Date): Counter {
  const windowEndsAt = new Date(row.window_ends_at);
  const lockedUntil = row.locked_until === null ? null : new Date(row.locked_until);
  return {
    count: windowEndsAt > now ? row.count : 0,
    windowStart: new Date(row.window_start),
    windowEndsAt,
    lockedUntil: lockedUntil !== null && lockedUntil > now ? lockedUntil : null,
  };
}

export function createCounters(ctx: StateContext) {
  return {
    /**
     * Counts one failure under `key` and returns the counter after it. Reaching `limit` (while
     * not locked already) locks the key for `lockMs`; the lock outlives the window if longer.
     */
    async hit(key: string, policy: CounterPolicy): Promise<Counter> {
      const now = ctx.now();
      return ctx.write(async (q) => {
        const row = await q.counters.hit(key, now, after(now, policy.windowMs));
        const counter = toCounter(row, now);
        if (policy.limit !== undefined && policy.lockMs !== undefined && counter.count >= policy.limit && counter.lockedUntil === null) {
          const lockedUntil = after(now, policy.lockMs);
          const expiresAt = lockedUntil > counter.windowEndsAt ? lockedUntil : counter.windowEndsAt;
          await q.counters.lock(key, lockedUntil, expiresAt);
          return { ...counter, lockedUntil };
        }
        return counter;
      });
    },

    /** The counter under `key`, or undefined when none is running (never hit, expired, reset). */
    async get(key: string): Promise<Counter | undefined> {
      const now = ctx.now();
      const row = await ctx.read.counters.find(key, now);
      return row === undefined ? undefined : toCounter(row, now);
    },

    /** Forgets `key` (a successful sign-in clears its failures). */
    async reset(key: string): Promise<void> {
      await ctx.write((q) => q.counters.delete(key));
    },
  };
}
