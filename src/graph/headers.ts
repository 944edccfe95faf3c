/**
 * Response headers every Graph answer carries (graph.md §1.3): `request-id` (ours),
 * `client-request-id` (the client's, else the request-id, as real Graph does), `OData-Version`
 * and `Cache-Control: no-cache`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdsFor } from '../server/request-ids.js';

/** Content type of successful JSON answers (seed 001). */
export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface GraphIds {
  requestId: string;
  clientRequestId: string;
}

// A header value must be visible ASCII; anything else (a query-string id with control
// characters) is not echoed, it would make Node refuse the header.
const ECHOABLE = /^[\x21-\x7e][\x20-\x7e]*$/;

/** The ids of this request, created once. */
export function graphIdsFor(request: FastifyRequest): GraphIds {
  const ids = requestIdsFor(request);
  const echoed = ids.clientRequestId !== null && ECHOABLE.test(ids.clientRequestId) ? ids.clientRequestId : ids.traceId;
  return { requestId: ids.traceId, clientRequestId: echoed };
}

export function applyGraphHeaders(reply: FastifyReply, ids: GraphIds): void {
  reply.header('request-id', ids.requestId);
  reply.header('client-request-id', ids.clientRequestId);
  reply.header('odata-version', '4.0');
  reply.header('cache-control', 'no-cache');
}
