/**
 * A small bounded cache with per-entry expiry, for the token hot path (design.md Performance).
 * Entries are evicted oldest-first when the bound is reached (Map preserves insertion order),
 * which is enough for a cache whose entries live a few seconds.
 */

export interface TtlCacheOptions {
  /** Default time to live in milliseconds. */
  ttlMs: number;
  /** Maximum number of entries kept. */
  maxEntries: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/** A bounded key/value cache whose entries expire after a time to live. */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TtlCacheOptions) {
    if (!(options.maxEntries > 0)) throw new RangeError('maxEntries must be positive');
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** The live entry for `key`, or undefined (expired entries are dropped on read). */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Store `value`; `ttlMs` overrides the default (e.g. shorter for negative results). */
  set(key: K, value: V, ttlMs: number = this.#ttlMs): void {
    if (ttlMs <= 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
