/**
 * SQL for the `signing_keys` table (storage layer: no rules; rotation decisions live in
 * tokens/keys/rotation.ts). Works on a `Kysely` or a `Transaction`, so the keystore can run
 * several of these in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Database, NewRow, Row, RowUpdate } from '../schema.js';

/** A `signing_keys` row. */
export type SigningKeyRow = Row<'signing_keys'>;

/** Query functions over `signing_keys`. */
export interface SigningKeyQueries {
  /** Every row, oldest first (ties by kid, so every node sees the same order). */
  listAll(): Promise<SigningKeyRow[]>;
  insert(row: NewRow<'signing_keys'>): Promise<void>;
  /**
   * Updates `kid` only while it still has status `from` (optimistic concurrency: another node
   * may have rotated meanwhile). Returns whether a row changed.
   */
  transition(kid: string, from: SigningKeyRow['status'], patch: RowUpdate<'signing_keys'>): Promise<boolean>;
  /** Deletes the rows among `kids` that still have `status`; returns the number deleted. */
  deleteByKid(kids: string[], status: SigningKeyRow['status']): Promise<number>;
}

/** Binds the signing-key queries to a database or transaction. */
export function createSigningKeyQueries(db: Kysely<Database>): SigningKeyQueries {
  return {
    listAll: () => db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('kid').execute(),
    async insert(row) {
      await db.insertInto('signing_keys').values(row).execute();
    },
    async transition(kid, from, patch) {
      const result = await db
        .updateTable('signing_keys')
        .set(patch)
        .where('kid', '=', kid)
        .where('status', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deleteByKid(kids, status) {
      if (kids.length === 0) return 0;
      const result = await db
        .deleteFrom('signing_keys')
        .where('kid', 'in', kids)
        .where('status', '=', status)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
