/**
 * Sign-in lockout (Entra smart lockout, AADSTS50053; protocol.md §12.4), shared by the sign-in
 * pages and the password grant: failed credential checks are counted per user in
 * deps.state.counters, so every worker and node sees the same count.
 *
 * Threshold (docs/errors.md, AADSTS50053): 10 failed attempts within 15 minutes lock the account
 * for 60 seconds — Entra's documented smart-lockout defaults (threshold 10, duration 60 s).
 * While locked, the password is not even checked, so a correct guess teaches nothing.
 */
import type { ProtocolState } from '../../state/index.js';

export const SIGN_IN_LOCKOUT = { windowMs: 15 * 60_000, limit: 10, lockMs: 60_000 } as const;

const key = (tenantId: string, userId: string) => `signin:user:${tenantId.toLowerCase()}:${userId.toLowerCase()}`;

export async function isLockedOut(state: ProtocolState, tenantId: string, userId: string): Promise<boolean> {
  const counter = await state.counters.get(key(tenantId, userId));
  return counter?.lockedUntil != null;
}

/** Counts a failure; true when this failure locked the account (or it already was). */
export async function recordFailure(state: ProtocolState, tenantId: string, userId: string): Promise<boolean> {
  const counter = await state.counters.hit(key(tenantId, userId), SIGN_IN_LOCKOUT);
  return counter.lockedUntil !== null;
}

export async function recordSuccess(state: ProtocolState, tenantId: string, userId: string): Promise<void> {
  await state.counters.reset(key(tenantId, userId));
}
