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
}

/** A connected Kysely dialect plus its adapter, produced by `dialects/{sqlite,postgres}.ts`. */
export interface DialectConnection {
  dialect: Dialect;
  adapter: StorageDialect;
}

/** Read a string `code` property from an unknown error. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
