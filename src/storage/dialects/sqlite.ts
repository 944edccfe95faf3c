/**
 * SQLite through better-sqlite3: the embedded default (design.md Data). WAL for concurrent
 * readers, synchronous=FULL so a committed transaction survives power loss, foreign keys on
 * (SQLite leaves them off by default).
 *
 * Several processes may write one file (the CLI next to a running server, `--workers`), and SQLite
 * admits one writer at a time. Two rules keep that from failing requests:
 * - Write transactions start with `BEGIN IMMEDIATE`, taking the write lock first. A deferred
 *   `BEGIN` reads under a snapshot and only then asks for the lock; if another process committed
 *   meanwhile, SQLite refuses at once with SQLITE_BUSY_SNAPSHOT, and waiting cannot help.
 * - The busy timeout is short while serving. better-sqlite3 is synchronous: SQLite's busy handler
 *   sleeps on the event loop, so a 5 s timeout would freeze every request of this process for up
 *   to 5 s. A lock still held after BUSY_TIMEOUT_MS surfaces as SQLITE_BUSY, and
 *   storage/transactions.ts retries the whole transaction with an async, jittered back-off and a
 *   total deadline. Opening and migrating (nothing served yet) waits longer.
 */
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { errorCode, type ConstraintViolation, type DialectConnection, type StorageDialect } from './dialect.js';

/** While serving: how long one statement may block the event loop waiting for the lock. */
const BUSY_TIMEOUT_MS = 50;
/** While opening and migrating, before any request is served. */
const OPEN_BUSY_TIMEOUT_MS = 5000;

const VIOLATIONS: Record<string, ConstraintViolation> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreignKey',
  SQLITE_CONSTRAINT_NOTNULL: 'notNull',
  SQLITE_CONSTRAINT_CHECK: 'check',
};

/** SQLite's capability flags. */
export const sqliteAdapter: StorageDialect = {
  name: 'sqlite',
  supportsReturning: true, // SQLite ≥ 3.35
  supportsConcurrentWriters: false,
  countIsString: false,
  constraintViolation: (error) => VIOLATIONS[errorCode(error) ?? ''],
  // SQLITE_BUSY and its extended codes (_SNAPSHOT, _RECOVERY, _TIMEOUT): another connection
  // holds the lock. SQLITE_LOCKED is a conflict inside this connection; retrying cannot help.
  retryable: (error) => errorCode(error)?.startsWith('SQLITE_BUSY') === true,
  // A local file does not go away the way a server does; a full disk is a failure, not an outage.
  unavailable: () => false,
};

/** `BEGIN IMMEDIATE` instead of Kysely's deferred `BEGIN` (see the file comment). */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Open `filename` (`:memory:` for a private in-memory database). */
export function connectSqlite(filename: string): DialectConnection {
  const database = new BetterSqlite3(filename);
  // First, so that switching to WAL also waits for a process that is creating the file.
  database.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  if (filename !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  // SQLite's built-in lower() folds ASCII only; PostgreSQL's folds Unicode. Case-insensitive
  // filters (graph.md §1.6) must answer the same on both, so lower() folds like JavaScript here.
  database.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  return {
    dialect: new ImmediateSqliteDialect({ database }),
    adapter: sqliteAdapter,
    ready: () => database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`),
  };
}
