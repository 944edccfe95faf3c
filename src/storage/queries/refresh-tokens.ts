/** SQL for `refresh_token_families` and `refresh_tokens` (protocol state; digests only). */
import type { Kysely } from 'kysely';
import type { RefreshToken, RefreshTokenFamily, RevocationReason, StateData } from '../../model/protocol-state.js';
import type { Database, Row } from '../schema.js';
import { iso, parseObject, toDate, toDateOrNull } from './state-rows.js';

function toFamily(row: Row<'refresh_token_families'>): RefreshTokenFamily {
  return {
    familyId: row.family_id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    clientId: row.client_id,
    reuseDetection: row.reuse_detection === 1,
    createdAt: toDate(row.created_at),
    lastUsedAt: toDate(row.last_used_at),
    expiresAt: toDate(row.expires_at),
    absoluteExpiresAt: toDateOrNull(row.absolute_expires_at),
    revokedAt: toDateOrNull(row.revoked_at),
    revokedReason: row.revoked_reason as RevocationReason | null,
  };
}

type NewFamily = Omit<RefreshTokenFamily, 'revokedAt' | 'revokedReason'>;

function familyRow(family: NewFamily): Row<'refresh_token_families'> {
  return {
    family_id: family.familyId,
    tenant_id: family.tenantId,
    user_id: family.userId,
    client_id: family.clientId,
    reuse_detection: family.reuseDetection ? 1 : 0,
    created_at: iso(family.createdAt),
    last_used_at: iso(family.lastUsedAt),
    expires_at: iso(family.expiresAt),
    absolute_expires_at: family.absoluteExpiresAt === null ? null : iso(family.absoluteExpiresAt),
    revoked_at: null,
    revoked_reason: null,
  };
}

export function createRefreshTokenQueries(db: Kysely<Database>) {
  return {
    /** Inserts the family unless it exists (a tombstone of a replayed code included). */
    async insertFamilyIfAbsent(family: NewFamily): Promise<void> {
      await db.insertInto('refresh_token_families').values(familyRow(family)).onConflict((oc) => oc.column('family_id').doNothing()).execute();
    },

    async findFamily(familyId: string): Promise<RefreshTokenFamily | undefined> {
      const row = await db.selectFrom('refresh_token_families').selectAll().where('family_id', '=', familyId).executeTakeFirst();
      return row === undefined ? undefined : toFamily(row);
    },

    /** Records a use: `last_used_at`, and `expires_at` pushed out to `expiresAt` if later. */
    async touchFamily(familyId: string, now: Date, expiresAt: Date): Promise<void> {
      await db
        .updateTable('refresh_token_families')
        .set((eb) => ({
          last_used_at: iso(now),
          expires_at: eb.case().when('expires_at', '<', iso(expiresAt)).then(iso(expiresAt)).else(eb.ref('expires_at')).end(),
        }))
        .where('family_id', '=', familyId)
        .execute();
    },

    async insertToken(digest: string, familyId: string, data: StateData, createdAt: Date, expiresAt: Date): Promise<void> {
      await db
        .insertInto('refresh_tokens')
        .values({ token_digest: digest, family_id: familyId, data: JSON.stringify(data), created_at: iso(createdAt), expires_at: iso(expiresAt), replaced_at: null })
        .execute();
    },

    async findToken(digest: string): Promise<RefreshToken | undefined> {
      const row = await db
        .selectFrom('refresh_tokens as t')
        .innerJoin('refresh_token_families as f', 'f.family_id', 't.family_id')
        .selectAll('f')
        .select(['t.data as token_data', 't.created_at as token_created_at', 't.expires_at as token_expires_at', 't.replaced_at as token_replaced_at'])
        .where('t.token_digest', '=', digest)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        familyId: row.family_id,
        data: parseObject(row.token_data),
        createdAt: toDate(row.token_created_at),
        expiresAt: toDate(row.token_expires_at),
        replacedAt: toDateOrNull(row.token_replaced_at),
        family: toFamily(row),
      };
    },

    /** Marks the token replaced unless it already was; true for the one caller that did it. */
    async markReplaced(digest: string, now: Date): Promise<boolean> {
      const result = await db.updateTable('refresh_tokens').set({ replaced_at: iso(now) }).where('token_digest', '=', digest).where('replaced_at', 'is', null).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Revokes a live family; `keepUntil` becomes its expiry, so the sweeper keeps the tombstone
     * that long (a revoked token then answers "revoked", not "unknown"). Returns whether it was live.
     */
    async revokeFamily(familyId: string, reason: RevocationReason, now: Date, keepUntil: Date): Promise<boolean> {
      const result = await db
        .updateTable('refresh_token_families')
        .set({ revoked_at: iso(now), revoked_reason: reason, expires_at: iso(keepUntil) })
        .where('family_id', '=', familyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Revokes every live family of one user; returns how many. */
    async revokeFamiliesOfUser(tenantId: string, userId: string, reason: RevocationReason, now: Date, keepUntil: Date): Promise<number> {
      const result = await db
        .updateTable('refresh_token_families')
        .set({ revoked_at: iso(now), revoked_reason: reason, expires_at: iso(keepUntil) })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
