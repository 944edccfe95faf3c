/**
 * Transactions, savepoints and retries (design.md Data: storage owns persistence; the domain asks
 * through these and never imports Kysely's `sql`).
 *
 * `runTransaction` retries the whole unit of work when it lost a race with another writer
 * (`StorageDialect.retryable`: SQLite busy/snapshot, PostgreSQL 40001/40P01), a bounded number of
 * times, with an async, jittered exponential back-off (so writers that collided do not collide
 * again in step) and a total deadline. Waiting happens on timers, never on the event loop: see
 * dialects/sqlite.ts for why SQLite's own busy timeout is short. When the budget runs out the
 * database counts as unavailable (503), not as failed.
 */
import { sql, type Kysely } from 'kysely';
import { causeChain, type StorageDialect } from './dialects/dialect.js';
import { DatabaseUnavailableError } from './errors.js';
import type { Database } from './schema.js';

/** How often, and for how long, a transaction is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Give up once this much time has passed since the first attempt. */
  deadlineMs: number;
  /** Back-off before the second attempt; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Generous enough for dozens of writers on one SQLite file, short enough to answer in time. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 60, deadlineMs: 15_000, baseDelayMs: 5, maxDelayMs: 250 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter (a uniform wait in [1, cap]): the usual cure for writers retrying in lockstep. */
function backoff(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return 1 + Math.random() * cap;
}

/** The error, or one in its cause chain, is one the dialect says a fresh attempt may avoid. */
function isRetryable(adapter: StorageDialect, error: unknown): boolean {
  return causeChain(error).some((e) => adapter.retryable(e));
}

/**
 * Runs `fn` in a write transaction, retrying all of it on a lost race. `fn` may therefore run
 * more than once: it must only touch the database through `trx` (no other side effects that a
 * rollback would not undo).
 */
export async function runTransaction<T>(
  db: Kysely<Database>,
  adapter: StorageDialect,
  fn: (trx: Kysely<Database>) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (!isRetryable(adapter, error)) throw error;
      const delay = backoff(attempt, policy);
      if (attempt >= policy.maxAttempts || Date.now() - started + delay > policy.deadlineMs) {
        throw new DatabaseUnavailableError({ cause: error });
      }
      await sleep(delay);
    }
  }
}

let savepoints = 0;

/**
 * Runs `fn` inside a savepoint of the open transaction `trx`: on failure only `fn`'s changes are
 * rolled back and the transaction stays usable (PostgreSQL refuses every statement after a
 * failed one until the transaction rolls back to a savepoint). Calls on one `trx` must not
 * overlap: a transaction is one connection.
 */
export async function runSavepoint<T>(trx: Kysely<Database>, fn: () => Promise<T>): Promise<T> {
  const name = sql.id(`tessera_sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const result = await fn();
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    throw error;
  }
}

/** True when a trivial query answers within `timeoutMs`. Never throws. */
export async function ping(db: Kysely<Database>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
