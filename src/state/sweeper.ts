/**
 * Expiry: every protocol-state row carries `expires_at`; the sweeper deletes rows past it in
 * bounded batches, each its own short transaction, so it never holds the write lock for long
 * and any number of nodes may sweep at once (a delete of an already-deleted row is a no-op).
 * Consumed codes are kept `replayRetentionMs` past their expiry so a late replay is still seen.
 */
import { isDatabaseUnavailable } from '../storage/errors.js';
import type { SweptTable } from '../storage/queries/protocol-state.js';
import type { StateContext } from './context.js';

export interface SweepOptions {
  /** Rows per DELETE (default 500). */
  batchSize?: number;
  /** Batches per table and run (default 20); the rest waits for the next run. */
  maxBatches?: number;
}

export type SweepResult = Record<SweptTable, number>;

// Families before tokens: deleting a family takes its tokens with it (cascade).
const ORDER: SweptTable[] = ['authorization_codes', 'device_codes', 'refresh_token_families', 'refresh_tokens', 'sso_sessions', 'failure_counters'];

export async function sweep(ctx: StateContext, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  const result = Object.fromEntries(ORDER.map((t) => [t, 0])) as SweepResult;
  for (const table of ORDER) {
    const cutoff = table === 'authorization_codes' ? new Date(now.getTime() - ctx.lifetimes.replayRetentionMs) : now;
    for (let batch = 0; batch < maxBatches; batch++) {
      const deleted = await ctx.write((q) => q.deleteExpired(table, cutoff, batchSize));
      result[table] += deleted;
      if (deleted < batchSize) break;
    }
  }
  return result;
}

/** A running sweeper: `stop()` clears the timer and waits for a sweep in progress. */
export type StopSweeper = () => Promise<void>;

export function startSweeper(ctx: StateContext, intervalMs: number, options: SweepOptions & { onError?: (error: unknown) => void } = {}): StopSweeper {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running !== undefined) return; // the previous run is still going: skip this tick
    running = sweep(ctx, ctx.now(), options)
      .then(() => undefined, (error: unknown) => (options.onError ?? reportSweepError)(error))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, intervalMs);
  // Never keeps the process alive on its own.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** How often a server sweeps (every worker and node does; deletes are idempotent). */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * The default `onError`: a database that is away is not worth a line a minute (the probes
 * report it); any other failure goes to stderr as one JSON line with the driver's message only.
 */
export function reportSweepError(error: unknown): void {
  if (isDatabaseUnavailable(error)) return;
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'protocol-state sweep failed', reason })}\n`);
}
