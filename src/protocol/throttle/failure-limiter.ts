/**
 * Throttling of failed authentication (issue 6 item 6; design.md Security: rate limits on
 * credential checks). Failures are counted in fixed windows per client address, per client id
 * and per (client id, address) pair; an attempt over a limit is refused before its credential
 * is checked, so a guess made while throttled learns nothing.
 *
 * "Never slowing legitimate clients", as Entra's smart lockout keeps familiar locations apart:
 * an address where a client id recently authenticated successfully is *familiar* for it. A
 * familiar pair is judged only by its own failures (the per-address budget, for that pair), so
 * neither an attacker elsewhere guessing the same client's secret nor one on the same address
 * (a shared NAT, a CI host) guessing other clients' secrets locks it out. Unfamiliar attempts
 * are judged by their address's failures and by the client id's failures from unfamiliar
 * addresses. Successes never count; a refused attempt does not count either (the window is not
 * extended by retries).
 *
 * The interface is asynchronous so the protocol-state store can back it with the database
 * (shared across workers and nodes). `createMemoryFailureLimiter` is in memory, **per process**:
 * with `--workers N` each worker counts its own, so the effective limits are up to N times the
 * configured ones.
 */
import { TtlCache } from '../../lib/ttl-cache.js';

/** Who is trying: the client id presented (if any) and the client's address. */
export interface AuthAttempt {
  clientId: string | undefined;
  address: string;
}

export interface FailureLimiter {
  /** Seconds the caller must wait before this attempt may be checked; 0 = check it now. */
  retryAfter(attempt: AuthAttempt): Promise<number>;
  recordFailure(attempt: AuthAttempt): Promise<void>;
  /** Marks the address familiar for the client id. */
  recordSuccess(attempt: AuthAttempt): Promise<void>;
}

export interface FailureLimiterOptions {
  windowSeconds: number;
  /** Failures per address per window (and per familiar pair); 0 = no limit. */
  perAddress: number;
  /** Failures per client id from unfamiliar addresses per window; 0 = no limit. */
  perClient: number;
  /** How long a success keeps an address familiar (default 24 h). */
  familiarSeconds?: number;
  /** Bound of each table (default 100,000 keys; oldest dropped first). */
  maxEntries?: number;
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

export function createMemoryFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const windows = new TtlCache<string, Window>({ ttlMs: windowMs, maxEntries, now });
  const familiar = new TtlCache<string, true>({ ttlMs: (options.familiarSeconds ?? 86_400) * 1000, maxEntries, now });
  const clientKey = (attempt: AuthAttempt) => (attempt.clientId === undefined ? undefined : attempt.clientId.slice(0, 100).toLowerCase());
  const pairKey = (client: string, attempt: AuthAttempt) => `${client}\n${attempt.address}`;

  /** Seconds left in the window of `key` when its count reached `limit`, else 0. */
  const waitFor = (key: string, limit: number): number => {
    if (limit <= 0) return 0;
    const window = windows.get(key);
    if (window === undefined || window.count < limit) return 0;
    return Math.max(1, Math.ceil((window.resetAt - now()) / 1000));
  };
  const hit = (key: string): void => {
    const window = windows.get(key);
    if (window !== undefined) window.count += 1;
    else windows.set(key, { count: 1, resetAt: now() + windowMs });
  };
  const isFamiliar = (client: string | undefined, attempt: AuthAttempt) => client !== undefined && familiar.get(pairKey(client, attempt)) !== undefined;

  return {
    async retryAfter(attempt) {
      const client = clientKey(attempt);
      if (client !== undefined && isFamiliar(client, attempt)) return waitFor(`p:${pairKey(client, attempt)}`, options.perAddress);
      const byAddress = waitFor(`a:${attempt.address}`, options.perAddress);
      const byClient = client === undefined ? 0 : waitFor(`c:${client}`, options.perClient);
      return Math.max(byAddress, byClient);
    },
    async recordFailure(attempt) {
      const client = clientKey(attempt);
      hit(`a:${attempt.address}`);
      if (client === undefined) return;
      if (isFamiliar(client, attempt)) hit(`p:${pairKey(client, attempt)}`);
      else hit(`c:${client}`);
    },
    async recordSuccess(attempt) {
      const client = clientKey(attempt);
      if (client === undefined) return;
      const key = pairKey(client, attempt);
      if (familiar.get(key) === undefined) familiar.set(key, true);
    },
  };
}
