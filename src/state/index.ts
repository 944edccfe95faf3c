/**
 * The protocol-state store (design.md "Front channel and protocol state"): authorization codes,
 * refresh-token families, SSO sessions, device codes and failure counters. Domain rules only (no
 * Fastify, no SQL): SQL is in storage/queries/{authorization-codes,refresh-tokens,sso-sessions,
 * device-codes,failure-counters}.ts. Nothing here writes a directory table, so sign-ins never
 * flush the directory's hot-path cache. Only digests of handles are stored (handles.ts).
 */
import type { Storage } from '../storage/index.js';
import { createCodes } from './codes.js';
import { createStateContext } from './context.js';
import { createCounters } from './counters.js';
import { createDeviceCodes } from './device-codes.js';
import { DEFAULT_LIFETIMES, after, type Lifetimes } from './lifetimes.js';
import { createRefreshTokens } from './refresh-tokens.js';
import { createSessions } from './sessions.js';
import { SWEEP_INTERVAL_MS, startSweeper, sweep, type StopSweeper, type SweepOptions, type SweepResult } from './sweeper.js';

export interface ProtocolStateOptions {
  /** The clock; tests may freeze it. */
  now?: () => Date;
  /** Overrides of {@link DEFAULT_LIFETIMES}. */
  lifetimes?: Partial<Lifetimes>;
}

/** What `revokeUser` ended. */
export interface UserRevocation {
  refreshTokenFamilies: number;
  sessionAccounts: number;
  authorizationCodes: number;
  deviceCodes: number;
}

export function createProtocolState(storage: Storage, options: ProtocolStateOptions = {}) {
  const lifetimes: Lifetimes = { ...DEFAULT_LIFETIMES, ...options.lifetimes };
  const ctx = createStateContext(storage, options.now ?? (() => new Date()), lifetimes);
  const sweepers = new Set<StopSweeper>();
  return {
    lifetimes,
    codes: createCodes(ctx),
    refreshTokens: createRefreshTokens(ctx),
    sessions: createSessions(ctx),
    deviceCodes: createDeviceCodes(ctx),
    counters: createCounters(ctx),

    /**
     * Password change, account disabled, `revokeSignInSessions`: every refresh token of the user
     * is revoked, the user is signed out of every SSO session, and codes not yet redeemed (and
     * approved device codes not yet polled) are dropped, all in one transaction. `tenantId` is
     * the user's directory tenant.
     */
    async revokeUser(tenantId: string, userId: string): Promise<UserRevocation> {
      const now = ctx.now();
      return ctx.write(async (q) => ({
        refreshTokenFamilies: await q.refreshTokens.revokeFamiliesOfUser(tenantId, userId, 'userRevoked', now, after(now, lifetimes.replayRetentionMs)),
        sessionAccounts: await q.sessions.deleteAccountsOfUser(tenantId, userId),
        authorizationCodes: await q.codes.deleteOfUser(userId),
        deviceCodes: await q.deviceCodes.deleteApprovedOfUser(tenantId, userId),
      }));
    },

    /** Deletes expired rows in bounded batches; returns how many per table. */
    sweep: (now: Date = ctx.now(), sweepOptions?: SweepOptions): Promise<SweepResult> => sweep(ctx, now, sweepOptions),

    /**
     * Sweeps every `intervalMs` (default a minute; timer unref'd); returns its stop function.
     * Errors go to `onError` (default: stderr, except while the database is unavailable).
     */
    startSweeper(intervalMs: number = SWEEP_INTERVAL_MS, sweepOptions?: SweepOptions & { onError?: (error: unknown) => void }): StopSweeper {
      const stop = startSweeper(ctx, intervalMs, sweepOptions);
      const tracked = async () => {
        sweepers.delete(tracked);
        await stop();
      };
      sweepers.add(tracked);
      return tracked;
    },

    /** Stops every sweeper started here (before the storage closes). */
    async close(): Promise<void> {
      await Promise.all([...sweepers].map((stop) => stop()));
    },
  };
}

export type ProtocolState = ReturnType<typeof createProtocolState>;

export { DEFAULT_LIFETIMES, type Lifetimes } from './lifetimes.js';
export { handleDigest, newFamilyId, newHandle, newUserCode, normalizeUserCode, type HandleKind } from './handles.js';
export type { ConsumeCodeResult } from './codes.js';
export type { IssueResult, NewRefreshToken, RotateResult } from './refresh-tokens.js';
export type { SignIn } from './sessions.js';
export type { Approval, NewDeviceCode, PollResult } from './device-codes.js';
export type { CounterPolicy } from './counters.js';
export type { SweepOptions, SweepResult, StopSweeper } from './sweeper.js';
export type * from './types.js';
