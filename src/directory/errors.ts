/**
 * Typed directory errors. Surfaces map them to their wire errors (Graph OData error, AADSTS):
 * `kind` selects the family (404/409/400), `code` is stable and specific. Database errors never
 * escape as such: constraint violations become these classes and anything else becomes
 * `StorageFailureError` with the driver error only in `cause` (shared/style.md convention 4).
 */

/** The family of a directory error. */
export type DirectoryErrorKind = 'NotFound' | 'Conflict' | 'Validation' | 'StorageFailure';

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

/** The database failed for a reason that is not the caller's (connection lost, disk full). */
export class StorageFailureError extends DirectoryError {
  readonly kind = 'StorageFailure';
}

/** True when `error` is one of the directory's typed errors. */
export function isDirectoryError(error: unknown): error is DirectoryError {
  return error instanceof DirectoryError;
}
