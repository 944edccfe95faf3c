/** SQL for `authorization_codes` (protocol state; digests only). */
import type { Kysely } from 'kysely';
import type { AuthorizationCode } from '../../model/protocol-state.js';
import type { Database, Row } from '../schema.js';
import { iso, parseObject, toDate, toDateOrNull } from './state-rows.js';

function toCode(row: Row<'authorization_codes'>): AuthorizationCode {
  return {
    tenantId: row.tenant_id,
    clientId: row.client_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method as AuthorizationCode['codeChallengeMethod'],
    familyId: row.family_id,
    data: parseObject(row.data),
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    consumedAt: toDateOrNull(row.consumed_at),
  };
}

export function createAuthorizationCodeQueries(db: Kysely<Database>) {
  return {
    async insert(digest: string, code: Omit<AuthorizationCode, 'consumedAt'>): Promise<void> {
      await db
        .insertInto('authorization_codes')
        .values({
          code_digest: digest,
          tenant_id: code.tenantId,
          client_id: code.clientId,
          user_id: code.userId,
          redirect_uri: code.redirectUri,
          code_challenge: code.codeChallenge,
          code_challenge_method: code.codeChallengeMethod,
          family_id: code.familyId,
          data: JSON.stringify(code.data),
          created_at: iso(code.createdAt),
          expires_at: iso(code.expiresAt),
          consumed_at: null,
        })
        .execute();
    },

    /**
     * Marks the code consumed if it is still redeemable: one conditional UPDATE, so of any number
     * of racing callers (workers, nodes) exactly one gets the row back (RFC 6749 §4.1.2).
     */
    async consume(digest: string, now: Date): Promise<AuthorizationCode | undefined> {
      const row = await db
        .updateTable('authorization_codes')
        .set({ consumed_at: iso(now) })
        .where('code_digest', '=', digest)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', iso(now))
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toCode(row);
    },

    async find(digest: string): Promise<AuthorizationCode | undefined> {
      const row = await db.selectFrom('authorization_codes').selectAll().where('code_digest', '=', digest).executeTakeFirst();
      return row === undefined ? undefined : toCode(row);
    },

    /** By user id alone: a code's tenant is the alias the request named (user ids are GUIDs). */
    async deleteOfUser(userId: string): Promise<number> {
      const result = await db.deleteFrom('authorization_codes').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
