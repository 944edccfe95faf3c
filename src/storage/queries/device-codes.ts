/** SQL for `device_codes` (RFC 8628; protocol state; digests of both codes only). */
import type { Kysely } from 'kysely';
import type { DeviceCode, StateData } from '../../model/protocol-state.js';
import type { Database, Row } from '../schema.js';
import { iso, parseObject, toDate, toDateOrNull } from './state-rows.js';

function toDeviceCode(row: Row<'device_codes'>): DeviceCode {
  return {
    tenantId: row.tenant_id,
    clientId: row.client_id,
    status: row.status,
    userTenantId: row.user_tenant_id,
    userId: row.user_id,
    data: parseObject(row.data),
    approval: row.approval === null ? null : parseObject(row.approval),
    intervalSeconds: row.interval_seconds,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    lastPolledAt: toDateOrNull(row.last_polled_at),
    consumedAt: toDateOrNull(row.consumed_at),
  };
}

export interface NewDeviceCodeRow {
  tenantId: string;
  clientId: string;
  data: StateData;
  intervalSeconds: number;
  createdAt: Date;
  expiresAt: Date;
}

export function createDeviceCodeQueries(db: Kysely<Database>) {
  return {
    async insert(deviceDigest: string, userDigest: string, code: NewDeviceCodeRow): Promise<void> {
      await db
        .insertInto('device_codes')
        .values({
          device_code_digest: deviceDigest,
          user_code_digest: userDigest,
          tenant_id: code.tenantId,
          client_id: code.clientId,
          status: 'pending',
          user_tenant_id: null,
          user_id: null,
          data: JSON.stringify(code.data),
          approval: null,
          interval_seconds: code.intervalSeconds,
          created_at: iso(code.createdAt),
          expires_at: iso(code.expiresAt),
          last_polled_at: null,
          consumed_at: null,
        })
        .execute();
    },

    async findByUserCode(userDigest: string): Promise<DeviceCode | undefined> {
      const row = await db.selectFrom('device_codes').selectAll().where('user_code_digest', '=', userDigest).executeTakeFirst();
      return row === undefined ? undefined : toDeviceCode(row);
    },

    async find(deviceDigest: string): Promise<DeviceCode | undefined> {
      const row = await db.selectFrom('device_codes').selectAll().where('device_code_digest', '=', deviceDigest).executeTakeFirst();
      return row === undefined ? undefined : toDeviceCode(row);
    },

    /** Approves or declines a pending, unexpired code; true when it was. */
    async decide(userDigest: string, now: Date, decision: { status: 'approved'; userTenantId: string; userId: string; approval: StateData } | { status: 'declined' }): Promise<boolean> {
      const patch =
        decision.status === 'approved'
          ? { status: decision.status, user_tenant_id: decision.userTenantId, user_id: decision.userId, approval: JSON.stringify(decision.approval) }
          : { status: decision.status };
      const result = await db
        .updateTable('device_codes')
        .set(patch)
        .where('user_code_digest', '=', userDigest)
        .where('status', '=', 'pending')
        .where('expires_at', '>', iso(now))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Like authorization codes: one conditional UPDATE, so exactly one poller wins. */
    async consume(deviceDigest: string, now: Date): Promise<DeviceCode | undefined> {
      const row = await db
        .updateTable('device_codes')
        .set({ consumed_at: iso(now), last_polled_at: iso(now) })
        .where('device_code_digest', '=', deviceDigest)
        .where('status', '=', 'approved')
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', iso(now))
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toDeviceCode(row);
    },

    async recordPoll(deviceDigest: string, now: Date): Promise<void> {
      await db.updateTable('device_codes').set({ last_polled_at: iso(now) }).where('device_code_digest', '=', deviceDigest).execute();
    },

    /** Approved codes not yet redeemed by the device, of one user (revocation). */
    async deleteApprovedOfUser(userTenantId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('device_codes')
        .where('user_tenant_id', '=', userTenantId)
        .where('user_id', '=', userId)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
