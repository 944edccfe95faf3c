/**
 * SSO sessions: one browser cookie (the handle) names a server-side session holding the accounts
 * signed in in that browser. Non-persistent: 24 h of inactivity, sliding (spec/protocol.md §11.3).
 * Each account has a public session id (`sid` claim, `session_state`; OIDC Front-Channel Logout
 * §3) and the clients that took part, so logout can notify them.
 */
import { newGuid } from '../lib/ids.js';
import { after } from './lifetimes.js';
import type { StateContext } from './context.js';
import { handleDigest } from './handles.js';
import type { Session, SessionAccount, StateData } from './types.js';

export interface SignIn {
  tenantId: string;
  userId: string;
  authTime: Date;
  amr: string[];
  /** The client the sign-in was for, if any. */
  clientId?: string;
}

const withClient = (ids: string[], clientId: string | undefined) => (clientId === undefined || ids.includes(clientId) ? ids : [...ids, clientId]);

export function createSessions(ctx: StateContext) {
  const expiry = (now: Date) => after(now, ctx.lifetimes.sessionIdleMs);

  return {
    /** Starts an empty session under the digest of `handle` (`newHandle('ss')`). */
    async create(handle: string, data: StateData = {}): Promise<{ expiresAt: Date }> {
      const now = ctx.now();
      await ctx.write((q) => q.sessions.insert(handleDigest(handle), data, now, expiry(now)));
      return { expiresAt: expiry(now) };
    },

    /** The live session named by the cookie, or undefined (unknown, expired or ended). */
    get(handle: string): Promise<Session | undefined> {
      return ctx.read.sessions.find(handleDigest(handle), ctx.now());
    },

    /** Slides the inactivity window; false when the session is no longer live. */
    async touch(handle: string): Promise<boolean> {
      const now = ctx.now();
      return ctx.write((q) => q.sessions.touch(handleDigest(handle), now, expiry(now)));
    },

    /**
     * Records a sign-in: a new account gets a new `sid`; signing in again to an account already
     * there keeps its `sid` and updates auth_time and amr (a fresh authentication, e.g. MFA).
     * Slides the session. Undefined when the session is no longer live.
     */
    async addAccount(handle: string, signIn: SignIn): Promise<SessionAccount | undefined> {
      const now = ctx.now();
      const digest = handleDigest(handle);
      return ctx.write(async (q) => {
        if (!(await q.sessions.touch(digest, now, expiry(now)))) return undefined;
        const existing = await q.sessions.findAccount(digest, signIn.tenantId, signIn.userId);
        if (existing !== undefined) {
          const account = { ...existing, authTime: signIn.authTime, amr: signIn.amr, clientIds: withClient(existing.clientIds, signIn.clientId) };
          await q.sessions.updateAccount(digest, account);
          return account;
        }
        const account: SessionAccount = { tenantId: signIn.tenantId, userId: signIn.userId, sid: newGuid(), authTime: signIn.authTime, amr: signIn.amr, clientIds: withClient([], signIn.clientId) };
        await q.sessions.insertAccount(digest, account);
        return account;
      });
    },

    /** Notes that `clientId` got tokens through this account's sign-in (SSO without a prompt); slides the session. */
    async addClient(handle: string, tenantId: string, userId: string, clientId: string): Promise<boolean> {
      const now = ctx.now();
      const digest = handleDigest(handle);
      return ctx.write(async (q) => {
        if (!(await q.sessions.touch(digest, now, expiry(now)))) return false;
        const existing = await q.sessions.findAccount(digest, tenantId, userId);
        if (existing === undefined) return false;
        if (!existing.clientIds.includes(clientId)) await q.sessions.updateAccount(digest, { ...existing, clientIds: [...existing.clientIds, clientId] });
        return true;
      });
    },

    /** Signs one account out of the session; returns it (its clients, for front-channel logout). */
    async removeAccount(handle: string, tenantId: string, userId: string): Promise<SessionAccount | undefined> {
      const digest = handleDigest(handle);
      return ctx.write(async (q) => {
        const existing = await q.sessions.findAccount(digest, tenantId, userId);
        if (existing !== undefined) await q.sessions.deleteAccount(digest, tenantId, userId);
        return existing;
      });
    },

    /** Ends the session (logout); returns what it held, for front-channel logout, if it was live. */
    async end(handle: string): Promise<Session | undefined> {
      const now = ctx.now();
      const digest = handleDigest(handle);
      return ctx.write(async (q) => {
        const session = await q.sessions.find(digest, now);
        await q.sessions.delete(digest);
        return session;
      });
    },
  };
}
