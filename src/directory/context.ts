/**
 * What every directory module receives: the storage, the clock, query access with error
 * mapping, and `write`, which makes one change atomic (design.md Data: every multi-row change is
 * one transaction). A context is either the root one, where each write is its own transaction,
 * or bound to an enclosing transaction (`Directory.transaction`), where each write is a
 * savepoint so a caught failure leaves the transaction usable.
 */
import type { Storage, StorageTransaction } from '../storage/index.js';
import { InvalidCursorError, isDatabaseUnavailable, UnsupportedFilterError } from '../storage/errors.js';
import { createQueries, type Queries } from '../storage/queries/index.js';
import type { DirectoryCache } from './cache.js';
import { ConflictError, DirectoryError, NotFoundError, StorageFailureError, StorageUnavailableError, ValidationError } from './errors.js';

/** Options of one write. */
export interface WriteOptions {
  /** The error to throw instead of the generic ConflictError on a unique-key violation. */
  conflict?: () => DirectoryError;
}

/** Shared state and helpers of the directory modules. */
export interface DirectoryContext {
  readonly storage: Storage;
  readonly cache: DirectoryCache;
  /** True inside `Directory.transaction`: reads must bypass the shared cache. */
  readonly bound: boolean;
  now(): Date;
  /** Run reads, mapping storage errors. */
  read<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  /** Run `work` atomically, mapping storage errors; drops the read cache. */
  write<T>(work: (q: Queries) => Promise<T>, options?: WriteOptions): Promise<T>;
}

/** Translate a storage-layer error into a typed directory error (never leaks SQL). */
export function toDirectoryError(storage: Storage, error: unknown, options: WriteOptions = {}): DirectoryError {
  if (error instanceof DirectoryError) return error;
  if (error instanceof UnsupportedFilterError) return new ValidationError(error.code, error.message, { cause: error });
  if (error instanceof InvalidCursorError) return new ValidationError(error.code, error.message, { cause: error });
  // Away, or a lost race no retry loop absorbed (a plain read meeting a SQLite lock): transient.
  if (isDatabaseUnavailable(error) || storage.dialect.retryable(error)) {
    return new StorageUnavailableError('StorageUnavailable', 'The directory store is temporarily unavailable', { cause: error });
  }
  switch (storage.dialect.constraintViolation(error)) {
    case 'unique':
      return options.conflict?.() ?? new ConflictError('Conflict', 'An object with the same key already exists', { cause: error });
    case 'foreignKey':
      return new NotFoundError('ReferenceNotFound', 'A referenced object does not exist', { cause: error });
    case 'notNull':
    case 'check':
      return new ValidationError('InvalidValue', 'A required property is missing or invalid', { cause: error });
    default:
      return new StorageFailureError('StorageFailure', 'The directory store failed', { cause: error });
  }
}

async function mapped<T>(storage: Storage, run: () => Promise<T>, options?: WriteOptions): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDirectoryError(storage, error, options);
  }
}

/** The root context: each write is its own transaction. */
export function createContext(storage: Storage, cache: DirectoryCache, now: () => Date): DirectoryContext {
  const queries = createQueries(storage.db);
  return {
    storage,
    cache,
    bound: false,
    now,
    read: (work) => mapped(storage, () => work(queries)),
    async write(work, options) {
      cache.invalidate();
      try {
        return await mapped(storage, () => storage.transaction((trx) => work(createQueries(trx))), options);
      } finally {
        cache.invalidate();
      }
    },
  };
}

/**
 * A context bound to the open transaction `trx`. Writes are serialized (one connection) and
 * each runs inside a savepoint: PostgreSQL refuses every statement after a failed one until
 * the transaction rolls back to a savepoint.
 */
export function bindContext(root: DirectoryContext, trx: StorageTransaction): DirectoryContext {
  const queries = createQueries(trx);
  let tail: Promise<unknown> = Promise.resolve();

  return {
    storage: root.storage,
    cache: root.cache,
    bound: true,
    now: root.now,
    read: (work) => mapped(root.storage, () => work(queries)),
    write(work, options) {
      const run = tail.then(() => mapped(root.storage, () => root.storage.savepoint(trx, () => work(queries)), options));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
