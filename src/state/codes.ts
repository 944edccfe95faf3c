/**
 * Authorization codes (RFC 6749 §4.1; spec/protocol.md §5.1): ten minutes, single use, bound to
 * client, redirect URI, tenant and PKCE challenge (the grant checks those against the request).
 */
import { after } from './lifetimes.js';
import type { StateContext } from './context.js';
import { handleDigest } from './handles.js';
import type { AuthorizationCode, NewAuthorizationCode } from './types.js';

export type ConsumeCodeResult =
  | { status: 'ok'; code: AuthorizationCode }
  /** Redeemed before (AADSTS54005); the family it produced is revoked (`revoked`: it was live). */
  | { status: 'replayed'; familyId: string; revoked: boolean }
  /** Past its lifetime, never redeemed (AADSTS70008). */
  | { status: 'expired' }
  | { status: 'unknown' };

export function createCodes(ctx: StateContext) {
  return {
    /** Stores a code under the digest of `handle` (`newHandle('ac')`). */
    async put(handle: string, code: NewAuthorizationCode): Promise<{ expiresAt: Date }> {
      const now = ctx.now();
      const expiresAt = after(now, ctx.lifetimes.codeMs);
      await ctx.write((q) => q.codes.insert(handleDigest(handle), { ...code, data: code.data ?? {}, createdAt: now, expiresAt }));
      return { expiresAt };
    },

    /**
     * Redeems a code exactly once, however many workers or nodes race: the first caller gets
     * `ok`, every later one `replayed`. A replay revokes the refresh-token family the code
     * issued into, in the same transaction (RFC 6749 §4.1.2 "SHOULD revoke … all tokens
     * previously issued based on that authorization code"). If the winner has not issued its
     * refresh token yet, the family is created revoked, so that issue is refused.
     */
    async consume(handle: string): Promise<ConsumeCodeResult> {
      const now = ctx.now();
      const digest = handleDigest(handle);
      return ctx.write(async (q): Promise<ConsumeCodeResult> => {
        const code = await q.codes.consume(digest, now);
        if (code !== undefined) return { status: 'ok', code };
        const row = await q.codes.find(digest);
        if (row === undefined) return { status: 'unknown' };
        if (row.consumedAt === null) return { status: 'expired' };
        const keepUntil = after(now, ctx.lifetimes.replayRetentionMs);
        const issued = await q.refreshTokens.findFamily(row.familyId);
        await q.refreshTokens.insertFamilyIfAbsent({
          familyId: row.familyId,
          tenantId: row.tenantId,
          userId: row.userId,
          clientId: row.clientId,
          reuseDetection: false,
          createdAt: now,
          lastUsedAt: now,
          expiresAt: keepUntil,
          absoluteExpiresAt: null,
        });
        const revoked = await q.refreshTokens.revokeFamily(row.familyId, 'codeReplay', now, keepUntil);
        return { status: 'replayed', familyId: row.familyId, revoked: revoked && issued !== undefined };
      });
    },
  };
}
