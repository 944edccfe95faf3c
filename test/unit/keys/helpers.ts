// Shared setup for the keystore tests: a migrated in-memory database and a clock tests move.
import { createLocalJWKSet, jwtVerify } from 'jose';
import { openStorage, type Storage } from '../../../src/storage/index.js';
import type { SigningJwk } from '../../../src/tokens/keys/keystore.js';

export const HOUR = 3_600_000;
/** Default retention of a retired key: 28 h + 5 min token lifetime + 30 s cache TTL. */
export const RETAIN_MS = (28 * 3600 + 300) * 1000 + 30_000;

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = '2026-01-01T00:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** A fresh, migrated in-memory SQLite database per test. */
export function memoryStorage(): Promise<Storage> {
  return openStorage(':memory:');
}

/** Verifies like a resource server would (tokens.md §7.3), against the given JWKS only. */
export function verifyWith(token: string, keys: SigningJwk[]) {
  return jwtVerify(token, createLocalJWKSet({ keys }), { algorithms: ['RS256'] });
}
