/**
 * SQLite through better-sqlite3: the embedded default (design.md Data). WAL for concurrent
 * readers, synchronous=FULL so a committed transaction survives power loss, foreign keys on
 * (SQLite leaves them off by default), and a busy timeout so a second process waits instead of
 * failing with SQLITE_BUSY.
 */
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { errorCode, type ConstraintViolation, type DialectConnection, type StorageDialect } from './dialect.js';

const BUSY_TIMEOUT_MS = 5000;

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
};

/** Open `filename` (`:memory:` for a private in-memory database). */
export function connectSqlite(filename: string): DialectConnection {
  const database = new BetterSqlite3(filename);
  if (filename !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // SQLite's built-in lower() folds ASCII only; PostgreSQL's folds Unicode. Case-insensitive
  // filters (graph.md §1.6) must answer the same on both, so lower() folds like JavaScript here.
  database.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  return { dialect: new SqliteDialect({ database }), adapter: sqliteAdapter };
}
