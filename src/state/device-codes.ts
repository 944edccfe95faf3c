/**
 * Device codes (RFC 8628; spec/protocol.md §5.5): the device polls with the `device_code`, the
 * user types the `user_code` on /devicelogin and approves or declines. 15 minutes, interval 5 s.
 * Both codes are stored as digests; the user code is normalized first (`normalizeUserCode`).
 */
import { after } from './lifetimes.js';
import type { StateContext } from './context.js';
import { handleDigest, normalizeUserCode } from './handles.js';
import type { DeviceCode, StateData } from './types.js';

export interface NewDeviceCode {
  tenantId: string;
  clientId: string;
  /** Requested scopes etc. */
  data?: StateData;
}

export interface Approval {
  userTenantId: string;
  userId: string;
  /** What the sign-in established: auth_time, amr, consented scopes, ... */
  data?: StateData;
}

export type PollResult =
  | { status: 'ok'; code: DeviceCode }
  /** `authorization_pending`; `previousPollAt` lets the grant answer `slow_down` (RFC 8628 §3.5). */
  | { status: 'pending'; previousPollAt: Date | null; intervalSeconds: number }
  | { status: 'declined' }
  | { status: 'expired' }
  /** Already redeemed by an earlier poll. */
  | { status: 'replayed' }
  | { status: 'unknown' };

const userDigest = (userCode: string) => handleDigest(normalizeUserCode(userCode));

export function createDeviceCodes(ctx: StateContext) {
  return {
    /** Stores a device code (`newHandle('dc')`) with its user code (`newUserCode()`). */
    async put(deviceCode: string, userCode: string, code: NewDeviceCode): Promise<{ expiresAt: Date; intervalSeconds: number }> {
      const now = ctx.now();
      const expiresAt = after(now, ctx.lifetimes.deviceCodeMs);
      const intervalSeconds = ctx.lifetimes.deviceCodeIntervalSeconds;
      await ctx.write((q) =>
        q.deviceCodes.insert(handleDigest(deviceCode), userDigest(userCode), { tenantId: code.tenantId, clientId: code.clientId, data: code.data ?? {}, intervalSeconds, createdAt: now, expiresAt }),
      );
      return { expiresAt, intervalSeconds };
    },

    /** The request behind a typed user code, any status; undefined when unknown or expired. */
    async findByUserCode(userCode: string): Promise<DeviceCode | undefined> {
      const code = await ctx.read.deviceCodes.findByUserCode(userDigest(userCode));
      return code === undefined || code.expiresAt <= ctx.now() ? undefined : code;
    },

    /** The signed-in user approves; false unless the code was pending and unexpired. */
    async approve(userCode: string, approval: Approval): Promise<boolean> {
      const now = ctx.now();
      return ctx.write((q) => q.deviceCodes.decide(userDigest(userCode), now, { status: 'approved', userTenantId: approval.userTenantId, userId: approval.userId, approval: approval.data ?? {} }));
    },

    /** The user declines; false unless the code was pending and unexpired. */
    async decline(userCode: string): Promise<boolean> {
      const now = ctx.now();
      return ctx.write((q) => q.deviceCodes.decide(userDigest(userCode), now, { status: 'declined' }));
    },

    /** One poll of the device: redeems an approved code exactly once (like `codes.consume`). */
    async consume(deviceCode: string): Promise<PollResult> {
      const now = ctx.now();
      const digest = handleDigest(deviceCode);
      return ctx.write(async (q): Promise<PollResult> => {
        const code = await q.deviceCodes.consume(digest, now);
        if (code !== undefined) return { status: 'ok', code };
        const row = await q.deviceCodes.find(digest);
        if (row === undefined) return { status: 'unknown' };
        if (row.consumedAt !== null) return { status: 'replayed' };
        if (row.expiresAt <= now) return { status: 'expired' };
        if (row.status === 'declined') return { status: 'declined' };
        await q.deviceCodes.recordPoll(digest, now);
        return { status: 'pending', previousPollAt: row.lastPolledAt, intervalSeconds: row.intervalSeconds };
      });
    },
  };
}
