/**
 * PostgreSQL through `pg`, for several Tessera nodes sharing one database (design.md Data).
 * `pg` is an optional dependency and is imported only when a postgres URL is configured
 * (shared/style.md convention 10).
 */
import { PostgresDialect } from 'kysely';
import { errorCode, type ConstraintViolation, type DialectConnection, type StorageDialect } from './dialect.js';

// SQLSTATE class 23, integrity constraint violation.
const VIOLATIONS: Record<string, ConstraintViolation> = {
  '23505': 'unique',
  '23503': 'foreignKey',
  '23502': 'notNull',
  '23514': 'check',
};

/** PostgreSQL's capability flags. */
export const postgresAdapter: StorageDialect = {
  name: 'postgres',
  supportsReturning: true,
  supportsConcurrentWriters: true,
  countIsString: true, // count(*) is int8, which pg returns as a string
  constraintViolation: (error) => VIOLATIONS[errorCode(error) ?? ''],
};

export interface PostgresOptions {
  /** Pool size per process. */
  maxConnections?: number;
}

/** Connect a pool to `url` (`postgres://` or `postgresql://`). */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<DialectConnection> {
  let pg: (typeof import('pg'))['default'];
  try {
    pg = (await import('pg')).default;
  } catch (cause) {
    throw new Error('A postgres:// database needs the optional dependency "pg" (npm install pg)', { cause });
  }
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // Fail at open, with the driver's message, rather than on the first query.
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  client.release();
  return { dialect: new PostgresDialect({ pool }), adapter: postgresAdapter };
}
