/**
 * Pure rules for the key lifecycle (design.md Tokens and keys; tokens.md §7.2):
 * `next` (published, not signing) → `active` (signs) → `retired` (published until every token it
 * signed has expired) → gone. No I/O here: the keystore reads rows, asks these functions what to
 * change, and applies it in one transaction.
 */

/** The row fields the rules look at. */
export interface KeyState {
  kid: string;
  status: 'next' | 'active' | 'retired';
  created_at: string;
  retire_until: string | null;
}

/** Field changes for a key that retires at `now`. */
export interface RetirePatch {
  status: 'retired';
  retired_at: string;
  retire_until: string;
}

/**
 * The key of `status` every node agrees on: oldest `created_at`, ties by kid. Normally there is
 * one; two only after a first-start race, which `planReconcile` then repairs.
 */
export function canonical<T extends KeyState>(rows: readonly T[], status: KeyState['status']): T | undefined {
  return rows
    .filter((r) => r.status === status)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0))[0];
}

/** Whether a key belongs in the JWKS at `now`: next and active always, retired until `retire_until`. */
export function isPublished(row: KeyState, now: Date): boolean {
  if (row.status !== 'retired') return true;
  return row.retire_until !== null && now.getTime() < Date.parse(row.retire_until);
}

/** Patch that retires a signing key, keeping it published for `retainMs` (max token lifetime + cache TTL). */
export function retirePatch(now: Date, retainMs: number): RetirePatch {
  return { status: 'retired', retired_at: now.toISOString(), retire_until: new Date(now.getTime() + retainMs).toISOString() };
}

/** What first start needs: promote an orphan `next` if there is no active key, and create what is missing. */
export function planEnsure(rows: readonly KeyState[]): { promote: string | null; createActive: boolean; createNext: boolean } {
  const active = canonical(rows, 'active');
  const next = canonical(rows, 'next');
  if (active) return { promote: null, createActive: false, createNext: next === undefined };
  // No active key: a published `next` is better than an unpublished new key (publish before sign).
  if (next) return { promote: next.kid, createActive: false, createNext: true };
  return { promote: null, createActive: true, createNext: true };
}

/**
 * Repairs a first-start race (two nodes each inserted an active and a next key): keep the
 * canonical ones; retire the other active keys (they may have signed for a few seconds, so they
 * stay published like any retired key) and delete the other next keys (they never signed).
 */
export function planReconcile(rows: readonly KeyState[], now: Date, retainMs: number): { retire: string[]; remove: string[]; patch: RetirePatch } {
  const keepActive = canonical(rows, 'active')?.kid;
  const keepNext = canonical(rows, 'next')?.kid;
  return {
    retire: rows.filter((r) => r.status === 'active' && r.kid !== keepActive).map((r) => r.kid),
    remove: rows.filter((r) => r.status === 'next' && r.kid !== keepNext).map((r) => r.kid),
    patch: retirePatch(now, retainMs),
  };
}

/**
 * One rotation: the canonical `next` becomes active, every active key retires, retired keys past
 * `retire_until` are purged, and a new `next` is needed unless another next key remains.
 * Returns null when there is no `next` key to promote (the caller ensures keys first).
 */
export function planRotation(
  rows: readonly KeyState[],
  now: Date,
  retainMs: number,
): { activate: string; retire: string[]; purge: string[]; createNext: boolean; patch: RetirePatch } | null {
  const next = canonical(rows, 'next');
  if (!next) return null;
  return {
    activate: next.kid,
    retire: rows.filter((r) => r.status === 'active').map((r) => r.kid),
    purge: rows.filter((r) => r.status === 'retired' && !isPublished(r, now)).map((r) => r.kid),
    createNext: !rows.some((r) => r.status === 'next' && r.kid !== next.kid),
    patch: retirePatch(now, retainMs),
  };
}
