/**
 * What every directory module receives: the storage, the clock, query access with error
 * mapping, and `write`, which runs one transaction and invalidates the read cache
 * (design.md Data: every multi-row change is one transaction).
 */
import type { Storage } from '../storage/index.js';
import { InvalidCursorError, UnsupportedFilterError } from '../storage/errors.js';
import { createQueries, type Queries } from '../storage/queries/index.js';
import type { DirectoryCache } from './cache.js';
import { ConflictError, DirectoryError, NotFoundError, StorageFailureError, ValidationError } from './errors.js';

/** Options of one write. */
export interface WriteOptions {
  /** The error to throw instead of the generic ConflictError on a unique-key violation. */
  conflict?: () => DirectoryError;
}

/** Shared state and helpers of the directory modules. */
export interface DirectoryContext {
  readonly storage: Storage;
  readonly cache: DirectoryCache;
  now(): Date;
  /** Run reads outside a transaction, mapping storage errors. */
  read<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  /** Run `work` in one transaction, mapping storage errors; drops the read cache. */
  write<T>(work: (q: Queries) => Promise<T>, options?: WriteOptions): Promise<T>;
}

/** Translate a storage-layer error into a typed directory error (never leaks SQL). */
export function toDirectoryError(storage: Storage, error: unknown, options: WriteOptions = {}): DirectoryError {
  if (error instanceof DirectoryError) return error;
  if (error instanceof UnsupportedFilterError) return new ValidationError(error.code, error.message, { cause: error });
  if (error instanceof InvalidCursorError) return new ValidationError(error.code, error.message, { cause: error });
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

/** Build the context over an open storage. */
export function createContext(storage: Storage, cache: DirectoryCache, now: () => Date): DirectoryContext {
  const queries = createQueries(storage.db);
  return {
    storage,
    cache,
    now,
    async read(work) {
      try {
        return await work(queries);
      } catch (error) {
        throw toDirectoryError(storage, error);
      }
    },
    async write(work, options) {
      cache.invalidate();
      try {
        return await storage.db.transaction().execute((trx) => work(createQueries(trx)));
      } catch (error) {
        throw toDirectoryError(storage, error, options);
      } finally {
        cache.invalidate();
      }
    },
  };
}
