/** SQL for `sso_sessions` and `sso_session_accounts` (protocol state; session digests only). */
import type { Kysely } from 'kysely';
import type { Session, SessionAccount, StateData } from '../../model/protocol-state.js';
import type { Database, Row } from '../schema.js';
import { iso, parseObject, parseStrings, toDate } from './state-rows.js';

function toAccount(row: Row<'sso_session_accounts'>): SessionAccount {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    sid: row.sid,
    authTime: toDate(row.auth_time),
    amr: parseStrings(row.amr),
    clientIds: parseStrings(row.client_ids),
  };
}

export function createSsoSessionQueries(db: Kysely<Database>) {
  const accountsOf = async (digest: string) =>
    (await db.selectFrom('sso_session_accounts').selectAll().where('session_digest', '=', digest).orderBy('auth_time').orderBy('sid').execute()).map(toAccount);

  return {
    async insert(digest: string, data: StateData, now: Date, expiresAt: Date): Promise<void> {
      await db
        .insertInto('sso_sessions')
        .values({ session_digest: digest, data: JSON.stringify(data), created_at: iso(now), last_seen_at: iso(now), expires_at: iso(expiresAt) })
        .execute();
    },

    /** The session with its accounts, unless unknown or expired at `now`. */
    async find(digest: string, now: Date): Promise<Session | undefined> {
      const row = await db.selectFrom('sso_sessions').selectAll().where('session_digest', '=', digest).where('expires_at', '>', iso(now)).executeTakeFirst();
      if (row === undefined) return undefined;
      return { data: parseObject(row.data), createdAt: toDate(row.created_at), lastSeenAt: toDate(row.last_seen_at), expiresAt: toDate(row.expires_at), accounts: await accountsOf(digest) };
    },

    /** Slides a live session's expiry; false when it is unknown or already expired. */
    async touch(digest: string, now: Date, expiresAt: Date): Promise<boolean> {
      const result = await db
        .updateTable('sso_sessions')
        .set({ last_seen_at: iso(now), expires_at: iso(expiresAt) })
        .where('session_digest', '=', digest)
        .where('expires_at', '>', iso(now))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async findAccount(digest: string, tenantId: string, userId: string): Promise<SessionAccount | undefined> {
      const row = await db
        .selectFrom('sso_session_accounts')
        .selectAll()
        .where('session_digest', '=', digest)
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? undefined : toAccount(row);
    },

    async insertAccount(digest: string, account: SessionAccount): Promise<void> {
      await db
        .insertInto('sso_session_accounts')
        .values({
          session_digest: digest,
          tenant_id: account.tenantId,
          user_id: account.userId,
          sid: account.sid,
          auth_time: iso(account.authTime),
          amr: JSON.stringify(account.amr),
          client_ids: JSON.stringify(account.clientIds),
        })
        .execute();
    },

    async updateAccount(digest: string, account: SessionAccount): Promise<void> {
      await db
        .updateTable('sso_session_accounts')
        .set({ auth_time: iso(account.authTime), amr: JSON.stringify(account.amr), client_ids: JSON.stringify(account.clientIds) })
        .where('session_digest', '=', digest)
        .where('tenant_id', '=', account.tenantId)
        .where('user_id', '=', account.userId)
        .execute();
    },

    async deleteAccount(digest: string, tenantId: string, userId: string): Promise<void> {
      await db.deleteFrom('sso_session_accounts').where('session_digest', '=', digest).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    },

    /** Deletes the session (its accounts cascade). */
    async delete(digest: string): Promise<void> {
      await db.deleteFrom('sso_sessions').where('session_digest', '=', digest).execute();
    },

    /** Signs one user out of every session (revocation); returns how many sign-ins ended. */
    async deleteAccountsOfUser(tenantId: string, userId: string): Promise<number> {
      const result = await db.deleteFrom('sso_session_accounts').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
