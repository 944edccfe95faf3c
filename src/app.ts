/**
 * buildApp(deps): the whole HTTP surface, not yet listening (tests and `startTessera` listen).
 * Surfaces are encapsulated plugins (shared/style.md convention 7): protocol under the public
 * URL's path prefix, Graph at the host root (`/v1.0`, `/beta`; spec/clients.md item 4).
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { graphPlugin } from './graph/plugin.js';
import { frontChannelPlugin } from './protocol/front-channel/plugin.js';
import { protocolPlugin } from './protocol/plugin.js';
import type { AppDeps } from './server/deps.js';
import { registerDrain } from './server/draining.js';
import { guardConnections } from './server/connection-guards.js';
import { clientErrorHandler, edgeGuards } from './server/edge-guards.js';
import { frameworkErrorHandler } from './server/framework-errors.js';
import { healthRoutes } from './server/health.js';
import { notFoundHandler } from './server/not-found.js';
import { applyHtmlSecurityHeaders } from './server/html-headers.js';
import { loggerOptions } from './server/log-output.js';
import { registerRequestLog } from './server/request-log.js';
import { lazySchemaCompilers } from './server/schema-compilers.js';
import { webPlugin } from './web/plugin.js';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  // Slow clients are cut off (issue 6 item 5): Node checks header and request deadlines every
  // `connectionsCheckingInterval` (default 30 s, which let slowloris connections live 60–90 s),
  // and TLS handshakes have their own deadline (default 120 s).
  const timeouts = {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))),
  };
  const app = Fastify({
    ...(deps.tls ? { https: { cert: deps.tls.cert, key: deps.tls.key, handshakeTimeout: config.headersTimeoutMs, ...timeouts } } : { http: timeouts }),
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    bodyLimit: config.bodyLimitBytes,
    logger: loggerOptions(config, deps.logDestination),
    // Fastify's own request lines log `req`/`res` objects; server/request-log.ts writes one
    // line per request instead. The request id is the trace id (server/request-ids.ts), so
    // every line a request logs carries it.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'traceId' }),
    genReqId: () => randomUUID(),
    // Entra's paths are case-sensitive only in their tenant values; keep defaults otherwise.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: false, maxParamLength: 500 },
    frameworkErrors: frameworkErrorHandler(deps),
    clientErrorHandler: clientErrorHandler(deps),
    return503OnClosing: false, // server/draining.ts answers in each surface's shape instead
    forceCloseConnections: 'idle',
    // No route declares a JSON schema: ajv loads only if one ever does (server/schema-compilers.ts).
    schemaController: lazySchemaCompilers(),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  guardConnections(app.server, { maxPerAddress: config.maxConnectionsPerAddress, firstRequestMs: config.headersTimeoutMs, tls: deps.tls !== null });
  app.addHook('onRequest', edgeGuards(deps));
  registerRequestLog(app, config.logLevel);

  app.addHook('onSend', async (request, reply, payload) => {
    // An answer sent before the body was read (413, 421, 415): close rather than drain it.
    if (!request.raw.complete) reply.header('connection', 'close');
    // HTTPS is the only supported deployment behind a real host name (design.md Security).
    if (deps.tls) reply.header('strict-transport-security', 'max-age=31536000');
    reply.header('x-content-type-options', 'nosniff');
    applyHtmlSecurityHeaders(reply);
    return payload;
  });

  // Unknown paths in each surface's own shape (server/not-found.ts).
  app.setNotFoundHandler(notFoundHandler(deps));
  const drain = registerDrain(app, deps);
  await app.register(healthRoutes, { deps, drain });
  await app.register(protocolPlugin, { ...deps, prefix: deps.urls.pathPrefix } as never);
  await app.register(frontChannelPlugin, { ...deps, prefix: deps.urls.pathPrefix } as never);
  await app.register(graphPlugin, deps as never);
  await app.register(webPlugin, deps as never); // pages' assets under the protocol path prefix
  return app;
}
