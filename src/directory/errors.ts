/**
 * Typed directory errors. Surfaces map them to their wire errors (Graph OData error, AADSTS):
 * `kind` selects the family (404/409/400/503), `code` is stable and specific. Database errors never
 * escape as such: constraint violations become these classes, a database that cannot be reached
 * becomes `StorageUnavailableError`, and anything else becomes `StorageFailureError`, with the
 * driver error only in `cause` (shared/style.md convention 4).
 */
import { isDatabaseUnavailable } from '../storage/errors.js';

/** The family of a directory error. */
export type DirectoryErrorKind = 'NotFound' | 'Conflict' | 'Validation' | 'StorageFailure' | 'Unavailable';

/** Base class of every error the directory throws on purpose. */
export abstract class DirectoryError extends Error {
  abstract readonly kind: DirectoryErrorKind;
  /** Stable machine-readable code, e.g. `UserPrincipalNameConflict`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The object (or one it references) does not exist in this tenant. */
export class NotFoundError extends DirectoryError {
  readonly kind = 'NotFound';
}

/** The change collides with an existing object (unique key, existing membership). */
export class ConflictError extends DirectoryError {
  readonly kind = 'Conflict';
}

/** The input breaks a directory rule (bad GUID, unparsable certificate, unknown permission). */
export class ValidationError extends DirectoryError {
  readonly kind = 'Validation';
}

/** The database failed for a reason that is not the caller's (disk full, a bug). */
export class StorageFailureError extends DirectoryError {
  readonly kind = 'StorageFailure';
}

/** The database cannot be reached right now (restarting, connection lost); worth retrying soon. */
export class StorageUnavailableError extends DirectoryError {
  readonly kind = 'Unavailable';
}

/**
 * True when `error` means "the store is away, try again shortly": a directory
 * StorageUnavailableError, or the storage layer's DatabaseUnavailableError anywhere in the cause
 * chain (the keystore and other direct storage users throw that one). Surfaces answer 503.
 */
export function isUnavailable(error: unknown): boolean {
  return error instanceof StorageUnavailableError || isDatabaseUnavailable(error);
}

/** True when `error` is one of the directory's typed errors. */
export function isDirectoryError(error: unknown): error is DirectoryError {
  return error instanceof DirectoryError;
}
