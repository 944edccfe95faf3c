/**
 * Opening the database: pick the dialect from the URL, connect, run pending migrations.
 * Everything else in storage/ is SQL over the `Database` type of schema.ts.
 */
import { Kysely, Migrator, type LogEvent } from 'kysely';
import { parseDatabaseUrl } from './database-url.js';
import { classifyingDialect } from './dialects/classify.js';
import type { StorageDialect } from './dialects/dialect.js';
import { connectPostgres } from './dialects/postgres.js';
import { connectSqlite } from './dialects/sqlite.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { ping, runSavepoint, runTransaction, type RetryPolicy } from './transactions.js';

export { DATABASE_URL_FORMS, DatabaseUrlError, parseDatabaseUrl, type DatabaseTarget } from './database-url.js';
export type { ConstraintViolation, StorageDialect } from './dialects/dialect.js';
export { DatabaseUnavailableError, isDatabaseUnavailable } from './errors.js';
export type { Database } from './schema.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './transactions.js';

/** An open transaction: query it like the database (`createQueries(trx)`). */
export type StorageTransaction = Kysely<Database>;

/**
 * An open database: the typed Kysely instance, the dialect's capabilities, transactions, and
 * `close`. A connection lost or refused surfaces as `DatabaseUnavailableError` from any query.
 */
export interface Storage {
  db: Kysely<Database>;
  dialect: StorageDialect;
  /**
   * Runs `fn` in one write transaction (SQLite: `BEGIN IMMEDIATE`) and commits, or rolls back
   * when it throws. On a lost race with another writer the whole `fn` runs again (bounded,
   * jittered back-off; storage/transactions.ts), so `fn` must act only through `trx`. Past the
   * retry budget it throws `DatabaseUnavailableError`.
   */
  transaction<T>(fn: (trx: StorageTransaction) => Promise<T>): Promise<T>;
  /** Runs `fn` in a savepoint of `trx`: a failure undoes only `fn` and leaves `trx` usable. */
  savepoint<T>(trx: StorageTransaction, fn: () => Promise<T>): Promise<T>;
  /** Whether a trivial query succeeds within `timeoutMs` (readiness checks). Never throws. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The subset of a pino-like logger storage uses. */
export interface StorageLogger {
  debug(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface OpenStorageOptions {
  logger?: StorageLogger;
  /** Log every query at debug level (noisy; for troubleshooting). */
  logQueries?: boolean;
  /** Skip migrations (e.g. a read-only tool); default false. */
  skipMigrations?: boolean;
  /** Retries of `transaction` (default DEFAULT_RETRY_POLICY). */
  retry?: RetryPolicy;
}

function connect(url: string, logger: StorageLogger | undefined) {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') return connectPostgres(target.url, logger === undefined ? {} : { logger });
  return connectSqlite(target.kind === 'memory' ? ':memory:' : target.file);
}

function logTo(logger: StorageLogger, logQueries: boolean) {
  return (event: LogEvent): void => {
    const fields = { sql: event.query.sql, durationMs: event.queryDurationMillis };
    if (event.level === 'error') logger.error({ ...fields, err: event.error }, 'storage query failed');
    else if (logQueries) logger.debug(fields, 'storage query');
  };
}

/** Apply every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Open the database at `url` and migrate it:
 * - `:memory:` — a private in-memory SQLite database (tests, `startTessera()`);
 * - `sqlite:<path>` or a plain file path — SQLite;
 * - `postgres://…` / `postgresql://…` — PostgreSQL (needs the optional `pg` package).
 * Any other scheme throws `DatabaseUrlError` before anything is created (storage/database-url.ts).
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  const connection = await connect(url, options.logger);
  const adapter = connection.adapter;
  const dialect = classifyingDialect(connection.dialect, adapter);
  const log = options.logger === undefined ? undefined : logTo(options.logger, options.logQueries === true);
  const db = new Kysely<Database>(log === undefined ? { dialect } : { dialect, log });
  try {
    if (options.skipMigrations !== true) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  connection.ready?.();
  let closed = false;
  return {
    db,
    dialect: adapter,
    transaction: (fn) => runTransaction(db, adapter, fn, options.retry),
    savepoint: (trx, fn) => runSavepoint(trx, fn),
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
