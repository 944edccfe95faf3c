/**
 * Entra's token-error JSON (protocol.md §12.1), the one serializer for every protocol endpoint
 * (spec/clients.md item 18: errors on identity endpoints are JSON, never HTML).
 */
import type { FastifyReply } from 'fastify';
import type { RequestIds } from '../server/request-ids.js';
import { noteAadsts } from '../server/request-log.js';
import type { OAuthError } from './errors.js';

// spec/clients.md item 19: msal-node blocks identical requests for 60 s after a 429/5xx that has
// no `Retry-After` (and treats `0` as absent), so server errors ask for a short, non-zero wait.
const RETRY_AFTER_SECONDS = '1';

/** `yyyy-MM-dd HH:mm:ssZ` — a space, not `T`, and no fractions (protocol.md §12.1). */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function entraErrorBody(error: OAuthError, ids: RequestIds, base: string, now: Date): Record<string, unknown> {
  const timestamp = entraTimestamp(now);
  const body: Record<string, unknown> = {
    error: error.error,
    error_description: `${error.aadstsLine}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: `${base}/error?code=${error.aadsts}`,
  };
  if (error.suberror) body.suberror = error.suberror;
  if (error.claims) body.claims = error.claims;
  return body;
}

export function sendEntraError(reply: FastifyReply, error: OAuthError, ids: RequestIds, base: string, now: Date): FastifyReply {
  noteAadsts(reply.request, error.aadsts);
  if (error.status === 429 || error.status >= 500) reply.header('retry-after', error.retryAfter !== undefined ? String(error.retryAfter) : RETRY_AFTER_SECONDS);
  // RFC 6749 §5.2: a 401 to a client that authenticated with the Authorization header names its scheme.
  if (error.challenge !== undefined && error.status === 401) reply.header('www-authenticate', error.challenge);
  return reply
    .code(error.status)
    .header('cache-control', 'no-store, no-cache')
    .header('pragma', 'no-cache')
    .header('content-type', 'application/json; charset=utf-8')
    .send(entraErrorBody(error, ids, base, now));
}
