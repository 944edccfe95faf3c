/**
 * The web surface as an encapsulated Fastify plugin (shared/style.md convention 7), registered
 * under the public URL's path prefix. Its error handler answers in HTML — the error page — for
 * anything thrown inside it; its not-found handler does the same for unknown paths under
 * `/static/`. Both are scoped to this plugin, so the protocol and Graph surfaces keep their
 * own JSON errors.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailable } from '../directory/errors.js';
import { OAuthError } from '../protocol/errors.js';
import type { AppDeps } from '../server/deps.js';
import { requestIdsFor } from '../server/request-ids.js';
import { noteAadsts } from '../server/request-log.js';
import { NotFound } from './errors.js';
import { loadDocsIndex } from './landing/docs.js';
import { tesseraVersion } from '../lib/version.js';
import { errorPage, type ErrorPageModel } from './pages/error.js';
import { pageChrome, sendPage } from './render.js';
import { webRoutes } from './routes.js';

export async function webPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const prefix = deps.urls.pathPrefix;
  const renderError = (request: FastifyRequest, reply: FastifyReply, model: Omit<ErrorPageModel, 'timestamp'>) => {
    const ids = requestIdsFor(request);
    if (model.code !== undefined) noteAadsts(request, model.code);
    const page = errorPage({ ...model, timestamp: deps.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), requestId: ids.traceId, correlationId: ids.correlationId }, pageChrome(request, prefix));
    return sendPage(reply, page);
  };

  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof NotFound) return renderError(request, reply, { status: 404, message: error.message, summary: "We couldn't find that page." });
    if (error instanceof OAuthError) {
      if (error.cause) request.log.warn({ err: error.cause, aadsts: error.aadsts }, 'web error');
      return renderError(request, reply, { status: error.status, code: error.aadsts, message: error.message });
    }
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'web request refused: storage unavailable');
      const unavailable = new OAuthError(90006);
      return renderError(request, reply.header('retry-after', '5'), { status: 503, code: unavailable.aadsts, message: unavailable.message });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return renderError(request, reply, { status, message: 'The request was not valid.', summary: "Sorry, we couldn't process that request." });
    }
    // Ours: logged with the trace id; the page says nothing of the cause.
    request.log.error({ err: error }, 'unexpected web error');
    const unexpected = new OAuthError(90000);
    return renderError(request, reply, { status: 500, code: unexpected.aadsts, message: unexpected.message });
  });

  // Unknown paths under /static/ (and other methods than GET/HEAD there) get the HTML 404.
  await app.register(async (statics) => {
    statics.setNotFoundHandler((request, reply) => renderError(request, reply, { status: 404, message: new NotFound().message, summary: "We couldn't find that page." }));
  }, { prefix: `${prefix}/static` });

  // Read once at start: the docs allowlist and the version the landing page shows.
  const web = { deps, docs: await loadDocsIndex(), version: tesseraVersion() };
  for (const route of webRoutes) {
    app.route({ method: route.method, url: `${prefix}${route.url}`, config: { routeName: route.name }, handler: route.handler(web) });
  }
}
