/**
 * The Microsoft Graph surface (`/v1.0/…`, `/beta/…` at the host root, spec/clients.md item 4) as
 * an encapsulated Fastify plugin with its own error handler (shared/style.md convention 7).
 * Every request runs graph.md §4.1 in order: authenticate the bearer token, refuse `/me` for
 * app-only callers, route, then the handler checks permissions and reads the directory.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DirectoryError, isUnavailable } from '../directory/errors.js';
import type { AppDeps } from '../server/deps.js';
import { bearerToken } from './auth/bearer.js';
import { createGraphTokenValidator } from './auth/validator.js';
import { allowGraphOrigin, graphPreflight } from './cors.js';
import type { GraphContext, GraphVersion } from './context.js';
import { GraphError, graphErrors, sendGraphError } from './errors.js';
import { applyGraphHeaders, GRAPH_JSON, graphIdsFor } from './headers.js';
import { parseQueryOptions } from './odata/query-options.js';
import { parseGraphPath } from './path.js';
import { userinfoEndpoint } from './oidc/userinfo.js';
import { createGraphRouter } from './router.js';
import { graphRoutes } from './routes.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Directory and framework errors in Graph's terms; anything unexpected is a logged 500. */
function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  // The database is away (restart, lost connection): transient, so 503 with Retry-After, not 500.
  if (isUnavailable(error)) return graphErrors.serviceNotAvailable(error);
  if (error instanceof DirectoryError) {
    // A skiptoken whose cursor the directory does not accept, a filter it cannot translate.
    if (error.code === 'InvalidCursor') return graphErrors.invalidPageToken();
    if (error.code === 'UnsupportedFilter') return graphErrors.unsupportedQuery(error.message);
  }
  // Fastify's JSON parser refusing the body (empty, not JSON): Graph's own 400 (graph.md §1.7).
  const fastifyCode = (error as FastifyError).code;
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return graphErrors.unreadableJson(error);
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Malformed or oversized bodies, unsupported media types: the client's mistake.
    return new GraphError(status, 'BadRequest', (error as Error).message, { cause: error });
  }
  return graphErrors.internal(error);
}

export async function graphPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const validator = createGraphTokenValidator(deps);
  const router = createGraphRouter(graphRoutes);
  // Browser apps call Graph cross-origin (graph/cors.ts); the hook covers errors too.
  app.addHook('onRequest', allowGraphOrigin);
  // Bodies of other media types reach the handler as bytes: the route answers 415 after the
  // token was checked (an unauthenticated caller gets 401 first, graph.md §4.1 step 1).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const graphError = toGraphError(error);
    if (graphError.status === 503) request.log.warn({ err: graphError.cause }, 'Graph request refused: storage unavailable');
    else if (graphError.status >= 500) request.log.error({ err: error }, 'unexpected Graph error');
    else if (graphError.cause !== undefined) request.log.debug({ err: graphError.cause }, 'Graph request refused');
    return sendGraphError(reply, graphError, graphIdsFor(request), deps.now(), deps.urls.baseFor(request));
  });

  function serve(version: GraphVersion) {
    const prefixLength = version.length + 1;
    return async function graph(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const ids = graphIdsFor(request);
      const url = request.url;
      const q = url.indexOf('?');
      const rawPath = (q < 0 ? url : url.slice(0, q)).slice(prefixLength);

      const principal = await validator.validate(bearerToken(request.headers.authorization));
      const segments = parseGraphPath(rawPath);
      // graph.md §4.1 step 4: /me and everything below it need a signed-in user.
      const first = segments[0];
      if (principal.kind === 'app' && first !== undefined && !first.key && first.text.toLowerCase() === 'me') throw graphErrors.meRequiresDelegated();
      const { route, params } = router.match(request.method, segments);

      const consistency = request.headers.consistencylevel;
      const ctx: GraphContext = {
        request,
        deps,
        version,
        principal,
        params,
        query: parseQueryOptions(q < 0 ? '' : url.slice(q + 1)),
        eventual: typeof consistency === 'string' && consistency.trim().toLowerCase() === 'eventual',
        origin: deps.urls.originFor(request),
        rawPath,
      };
      const result = await route.handler(ctx);
      applyGraphHeaders(reply, ids);
      if ('noContent' in result) return reply.code(204).send();
      if ('text' in result) return reply.header('content-type', 'text/plain').send(result.text);
      return reply.header('content-type', GRAPH_JSON).send(JSON.stringify(result.json));
    };
  }

  // protocol.md §8.5: UserInfo, GET or POST; a POST body carries nothing it reads.
  const userinfo = userinfoEndpoint(deps, validator);
  await app.register(async function oidc(child) {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, {}));
    child.route({ method: ['GET', 'POST'], url: '/oidc/userinfo', handler: userinfo });
    child.route({ method: 'OPTIONS', url: '/oidc/userinfo', handler: graphPreflight });
  });

  for (const version of ['v1.0', 'beta'] as const) {
    const handler = serve(version);
    app.route({ method: METHODS, url: `/${version}`, handler });
    app.route({ method: METHODS, url: `/${version}/*`, handler });
    app.route({ method: 'OPTIONS', url: `/${version}`, handler: graphPreflight });
    app.route({ method: 'OPTIONS', url: `/${version}/*`, handler: graphPreflight });
  }
}
