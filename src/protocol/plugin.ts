/**
 * The protocol surface as an encapsulated Fastify plugin (shared/style.md convention 7): its own
 * body parsers, tenant hook and error handler. Every error leaves as Entra's JSON
 * (spec/clients.md item 18); a client's mistake is never a 500 and no stack trace is sent.
 */
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailable } from '../directory/errors.js';
import type { AppDeps } from '../server/deps.js';
import { requestIdsFor } from '../server/request-ids.js';
import { protocolContext, tenantProtocolContext } from './context.js';
import { sendEntraError } from './error-response.js';
import { allowTokenOrigin } from './endpoints/token-preflight.js';
import { OAuthError } from './errors.js';
import { protocolRoutes, type ProtocolRoute } from './routes.js';

export async function protocolPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // protocol.md §4: the token endpoint takes forms. Any other body (a JSON body, as one
  // Microsoft sample shows) is read as no parameters at all, so the answer is AADSTS900144.
  // Both are bounded by `bodyLimitBytes` (Fastify's bodyLimit): a larger Content-Length is
  // refused before reading (server/edge-guards.ts), a chunked body is cut at the limit (413).
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: deps.config.bodyLimitBytes });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.bodyLimitBytes }, (_request, _body, done) => done(null, {}));

  app.setErrorHandler((error: FastifyError | OAuthError, request: FastifyRequest, reply: FastifyReply) => {
    const ids = requestIdsFor(request);
    const base = deps.urls.baseFor(request);
    if (error instanceof OAuthError) {
      if (error.cause) request.log.warn({ err: error.cause, aadsts: error.aadsts }, 'protocol error');
      return sendEntraError(reply, error, ids, base, deps.now());
    }
    if (isUnavailable(error)) {
      // The database is away (restart, lost connection): transient, so 503 with Retry-After.
      request.log.warn({ err: error }, 'protocol request refused: storage unavailable');
      return sendEntraError(reply, new OAuthError(90006), ids, base, deps.now());
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Malformed bodies, oversize requests: the client's mistake, in Entra's shape.
      return sendEntraError(reply, new OAuthError(9002313, [], { status }), ids, base, deps.now());
    }
    // Ours: logged with the trace id, answered in the same shape with nothing of the cause.
    request.log.error({ err: error }, 'unexpected protocol error');
    return sendEntraError(reply, new OAuthError(90000), ids, base, deps.now());
  });

  for (const route of protocolRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      config: { routeName: route.name },
      onRequest: route.cors ? allowTokenOrigin : undefined,
      handler: routeHandler(route, deps),
    });
  }
}

/** The route's handler, called with its context (the resolved tenant on `/{tenant}/…` routes). */
function routeHandler(route: ProtocolRoute, deps: AppDeps) {
  if (route.tenant) {
    const handler = route.handler(deps);
    const notFound = route.tenantErrorCode ?? 'invalid_request';
    return async (request: FastifyRequest, reply: FastifyReply) => handler(request, reply, await tenantProtocolContext(request, deps, notFound));
  }
  const handler = route.handler(deps);
  return (request: FastifyRequest, reply: FastifyReply) => handler(request, reply, protocolContext(request, deps));
}
