/**
 * The few differences between SQLite and PostgreSQL, as capability flags and small functions
 * (shared/style.md convention 10, after Kysely's DialectAdapter). Code outside `dialects/` reads
 * these flags; it never compares dialect names.
 */
import type { Dialect } from 'kysely';

/** What a failed statement means, independent of the driver's error codes. */
export type ConstraintViolation = 'unique' | 'foreignKey' | 'notNull' | 'check';

/** Capability flags and error classification of one database engine. */
export interface StorageDialect {
  /** For logs and diagnostics only; never branch on it. */
  readonly name: 'sqlite' | 'postgres';
  /** `INSERT … RETURNING` is available. */
  readonly supportsReturning: boolean;
  /** Several processes may write at once (PostgreSQL); SQLite serializes writers. */
  readonly supportsConcurrentWriters: boolean;
  /** `count(*)` comes back as a string (pg's int8), so callers must convert. */
  readonly countIsString: boolean;
  /** Classify a driver error as a constraint violation, or undefined for anything else. */
  constraintViolation(error: unknown): ConstraintViolation | undefined;
  /**
   * The transaction lost a race with another writer and may succeed when run again from the
   * start (SQLite busy/snapshot, PostgreSQL serialization failure or deadlock).
   */
  retryable(error: unknown): boolean;
  /** The database cannot be reached right now (connection refused or lost, server restarting). */
  unavailable(error: unknown): boolean;
}

/** A connected Kysely dialect plus its adapter, produced by `dialects/{sqlite,postgres}.ts`. */
export interface DialectConnection {
  dialect: Dialect;
  adapter: StorageDialect;
  /** Called once migrations are done, before the storage serves requests. */
  ready?(): void;
}

/** Read a string `code` property from an unknown error. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** `error` and its `cause` chain (bounded: a cycle must not hang a request). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    chain.push(e);
    e = typeof e === 'object' && 'cause' in e ? (e as { cause: unknown }).cause : undefined;
  }
  return chain;
}
