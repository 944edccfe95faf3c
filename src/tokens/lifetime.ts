/**
 * Access-token time claims (tokens.md §8): `iat` = `nbf` back-dated five minutes to absorb clock
 * skew, `exp` = issue time + lifetime, `expires_in` = `exp` − now. The lifetime is drawn at random
 * from the configured range per issuance, as Entra's 60–90 minutes (protocol.md §11.3).
 */
import { randomInt } from 'node:crypto';

/** tokens.md §8: Entra back-dates `iat`/`nbf` by about 5 minutes. */
export const BACKDATE_SECONDS = 300;

export interface LifetimeBounds {
  /** Shortest lifetime in seconds. */
  min: number;
  /** Longest lifetime in seconds (inclusive). */
  max: number;
}

export interface TokenTimes {
  iat: number;
  nbf: number;
  exp: number;
  /** Seconds from now until `exp` (the response's `expires_in`). */
  expiresIn: number;
}

/** A lifetime in `[min, max]` seconds, uniformly; `pick(lo, hiExclusive)` is the random source. */
export function randomLifetime(bounds: LifetimeBounds, pick: (lo: number, hiExclusive: number) => number = randomInt): number {
  const max = Math.max(bounds.min, bounds.max);
  return bounds.min === max ? max : pick(bounds.min, max + 1);
}

/** Time claims for a token issued at `now` that lives `lifetimeSeconds`. */
export function tokenTimes(now: Date, lifetimeSeconds: number): TokenTimes {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const backdated = issuedAt - BACKDATE_SECONDS;
  return { iat: backdated, nbf: backdated, exp: issuedAt + lifetimeSeconds, expiresIn: lifetimeSeconds };
}
