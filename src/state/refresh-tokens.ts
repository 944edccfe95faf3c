/**
 * Refresh tokens by family (spec/protocol.md §5.2, §11.3; RFC 9700 §4.14.2). A family is one
 * sign-in of one user at one client; each use rotates: a new token is issued, with a fresh
 * sliding window, capped by the family's absolute expiry (SPA: 24 h).
 *
 * Replaced tokens: ENTRA-COMPAT: for confidential clients the old token stays valid until it
 * expires, as Entra does ("old RT stays valid — no rotation-revocation"). DEVIATION: for public
 * clients (`reuseDetection`), presenting a replaced token revokes the whole family, as RFC 9700
 * §4.14.2 recommends for clients that cannot authenticate.
 */
import { after } from './lifetimes.js';
import type { StateContext } from './context.js';
import { handleDigest } from './handles.js';
import type { RefreshToken, RevocationReason, StateData } from './types.js';

export interface NewRefreshToken {
  /** The family (from the authorization code, or `newFamilyId()` for other grants). */
  familyId: string;
  /** The user's directory tenant (revocation by user looks it up by this pair). */
  tenantId: string;
  userId: string;
  clientId: string;
  /** True for public clients (RFC 9700 reuse detection). */
  reuseDetection: boolean;
  /** Issued to a SPA redirect URI: the family ends 24 h after it started, whatever its use. */
  spa?: boolean;
  data?: StateData;
}

export type IssueResult = { status: 'ok'; expiresAt: Date; absoluteExpiresAt: Date | null } | { status: 'revoked'; reason: RevocationReason | null };

export type RotateResult =
  /** `token` is the presented one (its data and family); the new handle expires at `expiresAt`. */
  | { status: 'ok'; token: RefreshToken; expiresAt: Date }
  | { status: 'unknown' }
  /** Issued to another client: nothing changed (AADSTS70000). */
  | { status: 'wrongClient' }
  /** `inactivity`: AADSTS700082; `absolute`: the SPA cap, AADSTS700084. */
  | { status: 'expired'; reason: 'inactivity' | 'absolute' }
  | { status: 'revoked'; familyId: string; reason: RevocationReason | null }
  /** A public client presented a replaced token: the family is now revoked. */
  | { status: 'reused'; familyId: string };

const earliest = (a: Date, b: Date | null): Date => (b !== null && b < a ? b : a);

export function createRefreshTokens(ctx: StateContext) {
  const keepUntil = (now: Date) => after(now, ctx.lifetimes.replayRetentionMs);

  return {
    /** Issues the first (or another) token of a family; refused if the family was revoked meanwhile. */
    async issue(handle: string, grant: NewRefreshToken): Promise<IssueResult> {
      const now = ctx.now();
      const absolute = grant.spa === true ? after(now, ctx.lifetimes.spaRefreshTokenMs) : null;
      const sliding = after(now, ctx.lifetimes.refreshTokenMs);
      return ctx.write(async (q): Promise<IssueResult> => {
        const { familyId, tenantId, userId, clientId, reuseDetection } = grant;
        await q.refreshTokens.insertFamilyIfAbsent({ familyId, tenantId, userId, clientId, reuseDetection, createdAt: now, lastUsedAt: now, expiresAt: earliest(sliding, absolute), absoluteExpiresAt: absolute });
        const family = await q.refreshTokens.findFamily(familyId);
        if (family === undefined || family.revokedAt !== null) return { status: 'revoked', reason: family?.revokedReason ?? null };
        if (family.clientId !== clientId || family.userId !== userId) throw new Error(`Refresh-token family ${familyId} belongs to another client or user`);
        const expiresAt = earliest(sliding, family.absoluteExpiresAt);
        await q.refreshTokens.insertToken(handleDigest(handle), familyId, grant.data ?? {}, now, expiresAt);
        await q.refreshTokens.touchFamily(familyId, now, expiresAt);
        return { status: 'ok', expiresAt, absoluteExpiresAt: family.absoluteExpiresAt };
      });
    },

    /**
     * Redeems `oldHandle` for `newHandle` (RFC 6749 §6). Two racing rotations of one public
     * client's token: one wins, the other is a reuse and revokes the family.
     */
    async rotate(oldHandle: string, newHandle: string, options: { clientId: string; data?: StateData }): Promise<RotateResult> {
      const now = ctx.now();
      const digest = handleDigest(oldHandle);
      return ctx.write(async (q): Promise<RotateResult> => {
        const token = await q.refreshTokens.findToken(digest);
        if (token === undefined) return { status: 'unknown' };
        const { family } = token;
        if (family.clientId !== options.clientId) return { status: 'wrongClient' };
        if (family.revokedAt !== null) return { status: 'revoked', familyId: family.familyId, reason: family.revokedReason };
        if (family.absoluteExpiresAt !== null && family.absoluteExpiresAt <= now) return { status: 'expired', reason: 'absolute' };
        if (token.expiresAt <= now) return { status: 'expired', reason: 'inactivity' };
        const first = await q.refreshTokens.markReplaced(digest, now);
        if (!first && family.reuseDetection) {
          await q.refreshTokens.revokeFamily(family.familyId, 'tokenReuse', now, keepUntil(now));
          return { status: 'reused', familyId: family.familyId };
        }
        const expiresAt = earliest(after(now, ctx.lifetimes.refreshTokenMs), family.absoluteExpiresAt);
        await q.refreshTokens.insertToken(handleDigest(newHandle), family.familyId, options.data ?? token.data, now, expiresAt);
        await q.refreshTokens.touchFamily(family.familyId, now, expiresAt);
        return { status: 'ok', token, expiresAt };
      });
    },

    /** The token and its family, whatever their state (diagnostics, logout); undefined if unknown. */
    find(handle: string): Promise<RefreshToken | undefined> {
      return ctx.read.refreshTokens.findToken(handleDigest(handle));
    },

    /** Revokes every token of a family; false when it was unknown or already revoked. */
    async revokeFamily(familyId: string, reason: RevocationReason = 'revoked'): Promise<boolean> {
      const now = ctx.now();
      return ctx.write((q) => q.refreshTokens.revokeFamily(familyId, reason, now, keepUntil(now)));
    },
  };
}
