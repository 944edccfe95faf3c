/** Retry once after a unique-key conflict caused by a concurrent writer (another node). */
import { ConflictError } from './errors.js';

/** Run `attempt`; on ConflictError run `recover` (which re-reads or re-applies) once. */
export async function onConflictRetry<T>(attempt: () => Promise<T>, recover: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return recover();
  }
}
