/**
 * The writes of the key lifecycle: first-start creation and rotation, each in one transaction
 * (design.md Data), applying the pure plans of rotation.ts. Key generation (slow RSA) happens
 * before a transaction opens, so no lock is held while it runs.
 */
import type { MasterKey } from '../../lib/master-key.js';
import type { Storage } from '../../storage/index.js';
import { createSigningKeyQueries, type SigningKeyQueries } from '../../storage/queries/signing-keys.js';
import { planEnsure, planReconcile, planRotation } from './rotation.js';

/** What the lifecycle needs from the keystore's options. */
export interface LifecycleContext {
  /** Reads through `storage.db`; each change through `storage.transaction` (retried on a lost race). */
  storage: Storage;
  masterKey: MasterKey | null;
  now: () => Date;
  /** How long a retired key stays published: max token lifetime + cache TTL. */
  retainMs: number;
}

/** Thrown inside a transaction to roll it back when another node changed the keys first. */
class LostRace extends Error {}

/**
 * Creates the missing active/next keys. Safe when several processes start at once: each inserts
 * under the unique kid, then all of them converge on the same canonical keys (planReconcile).
 */
export async function ensureKeys(ctx: LifecycleContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureOnce(ctx);
      await reconcile(ctx);
      return;
    } catch (err) {
      // A concurrent writer (SQLite busy, a racing insert) fails one attempt; the retry re-reads.
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Rotates once (rotation.ts planRotation). Returns false when another node rotated concurrently,
 * in which case nothing is changed here: rotating twice would activate a key nobody has seen.
 */
export async function rotateKeys(ctx: LifecycleContext): Promise<boolean> {
  await ensureKeys(ctx);
  const fresh = await sealedKey(ctx);
  try {
    await ctx.storage.transaction(async (trx) => {
      const q = createSigningKeyQueries(trx);
      const now = ctx.now();
      const plan = planRotation(await q.listAll(), now, ctx.retainMs);
      if (!plan) throw new LostRace();
      // Conditional updates: zero rows changed means another node got there first (tokens.md §7.2).
      if (!(await q.transition(plan.activate, 'next', { status: 'active', activated_at: now.toISOString() }))) throw new LostRace();
      for (const kid of plan.retire) if (!(await q.transition(kid, 'active', plan.patch))) throw new LostRace();
      await q.deleteByKid(plan.purge, 'retired');
      if (plan.createNext) await q.insert({ ...fresh, status: 'next', created_at: now.toISOString() });
    });
    return true;
  } catch (err) {
    if (err instanceof LostRace) return false;
    throw err;
  }
}

async function ensureOnce(ctx: LifecycleContext): Promise<void> {
  const initial = planEnsure(await createSigningKeyQueries(ctx.storage.db).listAll());
  if (!initial.promote && !initial.createActive && !initial.createNext) return;
  const [forActive, forNext] = await Promise.all([
    initial.createActive ? sealedKey(ctx) : null,
    initial.createNext ? sealedKey(ctx) : null,
  ]);
  await ctx.storage.transaction(async (trx) => {
    const q = createSigningKeyQueries(trx);
    // Re-plan inside the transaction: another process may have filled the gap meanwhile.
    const plan = planEnsure(await q.listAll());
    const at = ctx.now().toISOString();
    if (plan.promote && !(await q.transition(plan.promote, 'next', { status: 'active', activated_at: at }))) throw new LostRace();
    if (plan.createActive) await insertRequired(q, forActive, { status: 'active', created_at: at, activated_at: at });
    if (plan.createNext) await insertRequired(q, forNext, { status: 'next', created_at: at });
  });
}

async function reconcile(ctx: LifecycleContext): Promise<void> {
  await ctx.storage.transaction(async (trx) => {
    const q = createSigningKeyQueries(trx);
    const plan = planReconcile(await q.listAll(), ctx.now(), ctx.retainMs);
    for (const kid of plan.retire) await q.transition(kid, 'active', plan.patch);
    // Only rows still `next`: a key promoted meanwhile must never be deleted.
    await q.deleteByKid(plan.remove, 'next');
  });
}

type SealedKey = { kid: string; certificate: string; private_key: string };

async function insertRequired(
  q: SigningKeyQueries,
  key: SealedKey | null,
  fields: { status: 'active' | 'next'; created_at: string; activated_at?: string },
): Promise<void> {
  // The plan changed between the first read and the transaction: start over with fresh keys.
  if (!key) throw new LostRace();
  await q.insert({ ...key, ...fields });
}

async function sealedKey(ctx: LifecycleContext): Promise<SealedKey> {
  // Loaded on demand: key generation pulls in the X.509 builder, which warm starts never need.
  const { generateSigningKey } = await import('./generate.js');
  const key = await generateSigningKey(ctx.now());
  // design.md Data: private keys optionally encrypted with the master key; kid is the AAD.
  const privateKey = ctx.masterKey ? await ctx.masterKey.seal(key.privateKeyPem, key.kid) : key.privateKeyPem;
  return { kid: key.kid, certificate: key.certificate, private_key: privateKey };
}
