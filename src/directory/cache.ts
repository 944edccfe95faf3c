/**
 * The directory's read cache for the token hot path (design.md Performance): results are kept
 * a few seconds, concurrent misses share one load, and every write through the directory drops
 * everything. A generation counter, bumped when a write starts and when it ends, keeps a read
 * that overlapped a write from caching what it saw.
 *
 * Cached values are deep-frozen: callers share them, so a mutation would corrupt every later
 * hit. Mutating one throws instead.
 */
import { TtlCache } from '../lib/ttl-cache.js';

const MAX_ENTRIES = 10_000;
// Negative results ("no such client") live shorter: a just-created object should appear fast.
const MAX_NEGATIVE_TTL_MS = 1_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A generation-checked, single-flight TTL cache of async loads. */
export class DirectoryCache {
  readonly #entries: TtlCache<string, Promise<unknown>>;
  readonly #ttlMs: number;
  #generation = 0;

  constructor(ttlMs: number, now?: () => number) {
    this.#ttlMs = ttlMs;
    this.#entries = new TtlCache({ ttlMs: Math.max(ttlMs, 1), maxEntries: MAX_ENTRIES, ...(now ? { now } : {}) });
  }

  /** The cached result for `key`, or the result of `load` (cached unless a write overlapped). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#ttlMs <= 0) return load();
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit as Promise<T>;
    const generation = this.#generation;
    const promise = load().then(deepFreeze);
    this.#entries.set(key, promise);
    promise.then(
      (value) => {
        if (this.#entries.get(key) !== promise) return;
        if (generation !== this.#generation) this.#entries.delete(key);
        else if (value === undefined) this.#entries.set(key, promise, Math.min(this.#ttlMs, MAX_NEGATIVE_TTL_MS));
      },
      () => {
        if (this.#entries.get(key) === promise) this.#entries.delete(key);
      },
    );
    return promise;
  }

  /** Drop everything and make in-flight loads uncacheable. */
  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }
}

/** A cache key from a method name and its arguments. */
export function cacheKey(method: string, ...args: string[]): string {
  return [method, ...args].join('\u0000');
}
