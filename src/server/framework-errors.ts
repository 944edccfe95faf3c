/**
 * Errors Fastify raises before routing (a malformed percent-escape in the path, a bad
 * content-type header): answered in the shape of the surface the URL belongs to, never
 * Fastify's own body (spec/clients.md item 18, graph.md §1.7).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { graphErrors, sendGraphError } from '../graph/errors.js';
import { graphIdsFor } from '../graph/headers.js';
import { sendEntraError } from '../protocol/error-response.js';
import { OAuthError } from '../protocol/errors.js';
import type { AppDeps } from './deps.js';
import { requestIdsFor } from './request-ids.js';

/** URLs of the Graph surface (`/v1.0`, `/beta` at the host root); the rest answer in Entra's shape. */
export const GRAPH_PATH = /^\/(?:v1\.0|beta)(?:[/?]|$)/i;

export function frameworkErrorHandler(deps: AppDeps) {
  return function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    if (GRAPH_PATH.test(request.url ?? '')) {
      void sendGraphError(reply, graphErrors.badRequest('The request URI is not valid.'), graphIdsFor(request), deps.now(), deps.urls.baseFor(request));
      return;
    }
    void sendEntraError(reply, new OAuthError(9002313, [], { status }), requestIdsFor(request), deps.urls.baseFor(request), deps.now());
  };
}
