/**
 * Errors raised by the query layer itself (not by the database). The directory maps them to its
 * own typed errors; they never carry SQL.
 */

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
