/**
 * Errors raised by the query layer itself (not by the database). The directory maps them to its
 * own typed errors; they never carry SQL.
 */
import { causeChain } from './dialects/dialect.js';

/** A list query named a property outside the whitelist of the collection. */
export class UnsupportedFilterError extends Error {
  readonly code = 'UnsupportedFilter';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFilterError';
  }
}

/** A paging cursor that this server did not produce (or that was altered). */
export class InvalidCursorError extends Error {
  readonly code = 'InvalidCursor';
  constructor() {
    super('The paging cursor is not valid');
    this.name = 'InvalidCursorError';
  }
}

/**
 * The database cannot serve right now: the connection was refused or lost (PostgreSQL restarting,
 * a network cut), or a write lock stayed taken past the retry deadline. Transient by nature:
 * surfaces answer 503 with `Retry-After`. The driver's error is only in `cause`.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DatabaseUnavailable';
  constructor(options?: { cause?: unknown }) {
    super('The database is temporarily unavailable', options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** True when `error`, or an error in its `cause` chain, is a {@link DatabaseUnavailableError}. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causeChain(error).some((e) => e instanceof DatabaseUnavailableError);
}
