/**
 * Trace and correlation ids for every request. Entra's error bodies carry both
 * (protocol.md §12.1): `trace_id` is ours, `correlation_id` echoes the client's
 * `client-request-id` (header, query or form) when it is a GUID. Graph echoes
 * `client-request-id` and sends its own `request-id` (graph.md §1.3).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RequestIds {
  traceId: string;
  correlationId: string;
  /** The client's own `client-request-id`, if it sent one (any string, trimmed to 100 chars). */
  clientRequestId: string | null;
}

export function requestIdsFor(request: FastifyRequest): RequestIds {
  if (request.requestIds) return request.requestIds;
  const fromHeader = header(request, 'client-request-id') ?? header(request, 'x-ms-client-request-id');
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const raw = fromHeader ?? str(query?.['client-request-id']) ?? str(body?.['client-request-id']);
  const clientRequestId = raw ? raw.slice(0, 100) : null;
  // Fastify's request id is a fresh GUID (app.ts `genReqId`), in every log line of the request.
  const traceId = request.id;
  const ids = { traceId, correlationId: clientRequestId && GUID.test(clientRequestId) ? clientRequestId.toLowerCase() : randomUUID(), clientRequestId };
  request.requestIds = ids;
  return ids;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Trace/correlation ids, created on first use by `requestIdsFor`. */
    requestIds?: RequestIds;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
