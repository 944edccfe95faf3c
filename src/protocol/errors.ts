/**
 * Typed protocol errors (shared/style.md convention 4). Throw sites stay one line:
 * `throw new OAuthError(700016, [clientId, tenantId])`. The surface's error handler
 * (`protocol/plugin.ts`, through `error-response.ts`) serializes them into Entra's token-error
 * JSON; internal detail goes only in `cause`, which is logged and never sent.
 */
import { AADSTS, type AadstsCode } from './aadsts.js';

export interface OAuthErrorOptions {
  /** Overrides the catalog's OAuth `error` (rows marked configurable in protocol.md §12.4). */
  error?: string;
  status?: number;
  /** May the error be delivered to the client's redirect URI (authorize surface)? */
  allowRedirect?: boolean;
  suberror?: string;
  claims?: string;
  /**
   * `WWW-Authenticate` value for a 401 (RFC 6749 §5.2: the scheme the client authenticated with,
   * e.g. `Basic realm="…"`); written by the one serializer (error-response.ts), so no throw site
   * touches headers.
   */
  challenge?: string;
  /** Seconds for `Retry-After` on a 429 (default: a short fixed wait, see error-response.ts). */
  retryAfter?: number;
  cause?: unknown;
}

export class OAuthError extends Error {
  readonly aadsts: AadstsCode;
  readonly error: string;
  readonly status: number;
  readonly allowRedirect: boolean;
  readonly suberror: string | undefined;
  readonly claims: string | undefined;
  readonly challenge: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: AadstsCode, args: ReadonlyArray<string | number> = [], options: OAuthErrorOptions = {}) {
    const entry = AADSTS[code];
    super(formatMessage(entry.message, args), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.aadsts = code;
    this.error = options.error ?? entry.error;
    this.status = options.status ?? entry.status;
    this.allowRedirect = options.allowRedirect ?? false;
    this.suberror = options.suberror;
    this.claims = options.claims;
    this.challenge = options.challenge;
    this.retryAfter = options.retryAfter;
  }

  /** The same error answering with `challenge` (client authentication knows the scheme used). */
  withChallenge(challenge: string): OAuthError {
    const options: OAuthErrorOptions = { error: this.error, status: this.status, allowRedirect: this.allowRedirect, challenge };
    if (this.suberror !== undefined) options.suberror = this.suberror;
    if (this.claims !== undefined) options.claims = this.claims;
    if (this.cause !== undefined) options.cause = this.cause;
    if (this.retryAfter !== undefined) options.retryAfter = this.retryAfter;
    const copy = new OAuthError(this.aadsts, [], options);
    copy.message = this.message;
    if (this.stack !== undefined) copy.stack = this.stack;
    return copy;
  }

  /** `AADSTS70011: The provided …` — the first line of `error_description`. */
  get aadstsLine(): string {
    return `AADSTS${this.aadsts}: ${this.message}`;
  }
}

// C0 and C1 controls, DEL, the Unicode line/paragraph separators and bidirectional overrides:
// arguments are app names and client-supplied values, and must not forge a `Trace ID:` line in
// `error_description` or reorder what a log viewer shows. Entra's own `\r\n` between the lines
// of `error_description` is added by the serializer, after this.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Strips control characters from a value interpolated into an error message. */
export function sanitizeMessageArgument(value: string | number): string {
  return String(value).replace(UNSAFE_CHARACTERS, '');
}

function formatMessage(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => sanitizeMessageArgument(args[Number(i)] ?? ''));
}
