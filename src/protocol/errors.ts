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
    this.retryAfter = options.retryAfter;
  }

  /** `AADSTS70011: The provided …` — the first line of `error_description`. */
  get aadstsLine(): string {
    return `AADSTS${this.aadsts}: ${this.message}`;
  }
}

function formatMessage(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
