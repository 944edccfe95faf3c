/**
 * PostgreSQL through `pg`, for several Tessera nodes sharing one database (design.md Data).
 * `pg` is an optional dependency and is imported only when a postgres URL is configured
 * (shared/style.md convention 10).
 *
 * Connection loss (a restart, `pg_terminate_backend`, a network cut) must not take the node
 * down. pg reports a dead connection as an `'error'` event, on the pool for an idle client and on
 * the client itself for one that is checked out; an `'error'` event without a listener throws
 * and ends the process. Both get a listener here that logs; the pool drops the dead client and
 * opens a new connection on the next query, so the node reconnects on demand once the server is
 * back. Until then queries fail fast and `unavailable()` lets the surfaces answer 503.
 */
import { PostgresDialect } from 'kysely';
import { errorCode, type ConstraintViolation, type DialectConnection, type StorageDialect } from './dialect.js';
import type { StorageLogger } from '../index.js';

// SQLSTATE class 23, integrity constraint violation.
const VIOLATIONS: Record<string, ConstraintViolation> = {
  '23505': 'unique',
  '23503': 'foreignKey',
  '23502': 'notNull',
  '23514': 'check',
};

// 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL's "run it again".
const RETRYABLE = new Set(['40001', '40P01']);

// Node socket errors, and SQLSTATEs 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up / shutting down), 53300 too_many_connections.
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

// pg's own errors carry no code: a connection closed under a query, a dead client reused, or
// no connection within connectionTimeoutMillis.
const UNAVAILABLE_MESSAGE = /^Connection terminated|not queryable|timeout exceeded when trying to connect|connection timeout/i;

function unavailable(error: unknown): boolean {
  const code = errorCode(error);
  // SQLSTATE class 08: connection exception.
  if (code !== undefined) return UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code);
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

/** PostgreSQL's capability flags. */
export const postgresAdapter: StorageDialect = {
  name: 'postgres',
  supportsReturning: true,
  supportsConcurrentWriters: true,
  countIsString: true, // count(*) is int8, which pg returns as a string
  constraintViolation: (error) => VIOLATIONS[errorCode(error) ?? ''],
  retryable: (error) => RETRYABLE.has(errorCode(error) ?? ''),
  unavailable,
};

export interface PostgresOptions {
  /** Pool size per process. */
  maxConnections?: number;
  /** Where connection errors are logged; default: one line on stderr. */
  logger?: Pick<StorageLogger, 'error'>;
}

// A request must not hang on a server that does not answer (a dropped network rather than a
// refused port): give up connecting after this long and answer 503.
const CONNECT_TIMEOUT_MS = 5000;

const stderrLogger: Pick<StorageLogger, 'error'> = {
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...fields })}\n`),
};

/** Only the code and the driver's message: never the connection string or a query's values. */
function describe(error: unknown): Record<string, unknown> {
  return { code: errorCode(error), reason: error instanceof Error ? error.message : String(error) };
}

/** Connect a pool to `url` (`postgres://` or `postgresql://`). */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<DialectConnection> {
  let pg: (typeof import('pg'))['default'];
  try {
    pg = (await import('pg')).default;
  } catch (cause) {
    throw new Error('A postgres:// database needs the optional dependency "pg" (npm install pg)', { cause });
  }
  const logger = options.logger ?? stderrLogger;
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // Every client gets a listener, idle or checked out. An idle client that dies is also removed
  // by pg-pool, which re-emits the error on the pool: logged once, by the client's listener.
  // A checked-out one fails its query (answered 503) and is discarded on release, being no longer
  // queryable.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.error(describe(error), 'database connection lost; reconnecting on demand'));
  });
  // Fail at open, with the driver's message, rather than on the first query.
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  client.release();
  return { dialect: new PostgresDialect({ pool }), adapter: postgresAdapter };
}
