/**
 * Lifetimes of protocol state (spec/protocol.md §11.3, Entra's defaults), and how long records
 * are kept past them so that a late replay is still recognised as one.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Lifetimes {
  /** Authorization codes: ~10 min, single use (AADSTS70008 past it). */
  codeMs: number;
  /** Refresh tokens: 90 days of inactivity, sliding: each rotation starts a new window (AADSTS700082). */
  refreshTokenMs: number;
  /** Refresh tokens issued to SPA redirect URIs: 24 h from the sign-in, not extended (AADSTS700084). */
  spaRefreshTokenMs: number;
  /** Non-persistent SSO session: 24 h of inactivity, sliding. */
  sessionIdleMs: number;
  /** Device and user codes: 900 s (RFC 8628 §3.2 `expires_in`). */
  deviceCodeMs: number;
  /** Device-flow polling interval, seconds (RFC 8628 §3.2 `interval`). */
  deviceCodeIntervalSeconds: number;
  /**
   * How long a consumed code, a revoked family or a replaced token is kept past its use: a replay
   * in that time is answered "already redeemed" and revokes what the code produced (RFC 6749
   * §4.1.2, RFC 9700 §4.14.2), instead of "unknown".
   */
  replayRetentionMs: number;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  codeMs: 10 * MINUTE,
  refreshTokenMs: 90 * DAY,
  spaRefreshTokenMs: DAY,
  sessionIdleMs: DAY,
  deviceCodeMs: 15 * MINUTE,
  deviceCodeIntervalSeconds: 5,
  replayRetentionMs: DAY,
};

export const after = (date: Date, ms: number): Date => new Date(date.getTime() + ms);
