/**
 * Refusals at the edge, before routing and before any body is read (issue 6 items 3 and 5):
 * - a `Host` header that names none of our trusted origins (src/server/public-url.ts) gets
 *   421 Misdirected Request (RFC 9110 §15.5.20), so a forged Host never reaches a token;
 * - a `Content-Length` above `bodyLimitBytes` gets 413 (RFC 9110 §15.5.14), whatever the content
 *   type and whether or not a route matches; chunked bodies are cut by the body parsers.
 * Both answer in the shape of the surface the URL belongs to: Graph's OData error on `/v1.0` and
 * `/beta`, Entra's JSON elsewhere. The connection is closed after them (see app.ts onSend), so
 * the unread body is never drained.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { GraphError, sendGraphError } from '../graph/errors.js';
import { graphIdsFor } from '../graph/headers.js';
import { entraErrorBody, sendEntraError } from '../protocol/error-response.js';
import { OAuthError } from '../protocol/errors.js';
import type { AppDeps } from './deps.js';
import { GRAPH_PATH } from './framework-errors.js';
import { PROBE_PATH } from './health.js';
import { requestIdsFor } from './request-ids.js';

export function edgeGuards(deps: AppDeps) {
  const limit = deps.config.bodyLimitBytes;

  function refuse(request: FastifyRequest, reply: FastifyReply, status: 413 | 421, cause: string): void {
    // Never the request's own Host in an answer to an untrusted one.
    const base = deps.urls.defaultBase;
    if (GRAPH_PATH.test(request.url)) {
      const error =
        status === 421
          ? new GraphError(421, 'MisdirectedRequest', "The request's Host header does not name this server.", { cause })
          : new GraphError(413, 'BadRequest', 'Request body is too large', { cause });
      void sendGraphError(reply, error, graphIdsFor(request), deps.now(), base);
      return;
    }
    // ENTRA-COMPAT: Entra has no code for a misdirected or oversized request; the generic
    // "malformed request" code with the HTTP status that says which.
    void sendEntraError(reply, new OAuthError(9002313, [], { status, cause }), requestIdsFor(request), base, deps.now());
  }

  return function edgeGuard(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    // Probes are exempt from the Host rule: orchestrators call them by pod address, and they
    // answer nothing an issuer or a token depends on.
    if (deps.urls.trustedOrigin(request.headers.host) === undefined && !PROBE_PATH.test(request.url)) return refuse(request, reply, 421, 'untrusted Host header');
    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) > limit) return refuse(request, reply, 413, 'Content-Length over bodyLimitBytes');
    done();
  };
}

/**
 * Fastify's `clientErrorHandler`: a request Node gave up on before routing (headers or body too
 * slow, 408; headers too large, 431; unparsable, 400) is answered in Entra's JSON, not Fastify's,
 * and the connection is closed. The path may not even be known, so there is no Graph variant.
 */
export function clientErrorHandler(deps: AppDeps) {
  return function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const ids = { traceId: randomUUID(), correlationId: randomUUID(), clientRequestId: null };
    const body = JSON.stringify(entraErrorBody(new OAuthError(9002313, [], { status }), ids, deps.urls.defaultBase, deps.now()));
    if (socket.writable) {
      const reason = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
}
