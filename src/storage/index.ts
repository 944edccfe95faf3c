/**
 * Opening the database: pick the dialect from the URL, connect, run pending migrations.
 * Everything else in storage/ is SQL over the `Database` type of schema.ts.
 */
import { Kysely, Migrator, type LogEvent } from 'kysely';
import type { StorageDialect } from './dialects/dialect.js';
import { connectPostgres } from './dialects/postgres.js';
import { connectSqlite } from './dialects/sqlite.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type { ConstraintViolation, StorageDialect } from './dialects/dialect.js';
export type { Database } from './schema.js';

/** An open database: the typed Kysely instance, the dialect's capabilities, and `close`. */
export interface Storage {
  db: Kysely<Database>;
  dialect: StorageDialect;
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
}

function connect(url: string) {
  if (/^postgres(ql)?:\/\//i.test(url)) return connectPostgres(url);
  if (url === ':memory:' || url === 'sqlite::memory:') return connectSqlite(':memory:');
  const filename = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (filename === '') throw new Error(`Invalid database URL "${url}"`);
  return connectSqlite(filename);
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
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  const { dialect, adapter } = await connect(url);
  const log = options.logger === undefined ? undefined : logTo(options.logger, options.logQueries === true);
  const db = new Kysely<Database>(log === undefined ? { dialect } : { dialect, log });
  try {
    if (options.skipMigrations !== true) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closed = false;
  return {
    db,
    dialect: adapter,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
