/**
 * Unknown paths, answered in the shape of the surface the URL belongs to — never Fastify's
 * default body (issue 7: "every surface answers unknown paths in its own shape"):
 * - Graph (`/v1.0`, `/beta`, `/oidc/…` at the host root): an OData error (graph.md §1.7) — 405
 *   `Request_BadRequest` for a method Graph paths do not take (their routes are wildcards, so
 *   only the method can be unknown there), else 404;
 * - web (the landing page `{prefix}/`, or the first segment of a web route under the path
 *   prefix, e.g. `/static`): the HTML error page;
 * - everything else, the protocol surface: Entra's JSON error, status 404.
 *   ENTRA-COMPAT: Entra answers unknown STS paths with an HTML 404 page and no AADSTS code;
 *   Tessera's callers there are machines, so they get the token-error JSON with `invalid_request`
 *   AADSTS9002313 ("Request is malformed or invalid") and status 404.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphErrors, sendGraphError } from '../graph/errors.js';
import { graphIdsFor } from '../graph/headers.js';
import { sendEntraError } from '../protocol/error-response.js';
import { OAuthError } from '../protocol/errors.js';
import { NotFound } from '../web/errors.js';
import { errorPage } from '../web/pages/error.js';
import { pageChrome, sendPage } from '../web/render.js';
import { webRoutes } from '../web/routes.js';
import type { AppDeps } from './deps.js';
import { GRAPH_PATH } from './framework-errors.js';
import { requestIdsFor } from './request-ids.js';

const OIDC_PATH = /^\/oidc(?:[/?]|$)/i;

/** The first literal segment of every web route (`/static`). */
const WEB_SEGMENTS = [...new Set(webRoutes.map((r) => r.url.split('/')[1]).filter((s): s is string => s !== undefined && s !== '' && !s.startsWith(':')))];

export function notFoundHandler(deps: AppDeps) {
  const prefix = deps.urls.pathPrefix;
  const web = WEB_SEGMENTS.map((segment) => `${prefix}/${segment}`);
  // The landing page (`{prefix}/`) is a web path too: other methods than GET/HEAD get the HTML 404.
  const isWeb = (path: string) => path === `${prefix}/` || (prefix !== '' && path === prefix) || web.some((p) => path === p || path.startsWith(`${p}/`));

  return function notFound(request: FastifyRequest, reply: FastifyReply) {
    const url = request.url;
    const path = url.split('?', 1)[0] ?? url;
    if (GRAPH_PATH.test(url) || OIDC_PATH.test(url)) {
      const error = GRAPH_PATH.test(url) ? graphErrors.methodNotAllowed() : graphErrors.notServed(path);
      return sendGraphError(reply, error, graphIdsFor(request), deps.now(), deps.urls.baseFor(request));
    }
    if (isWeb(path)) {
      const ids = requestIdsFor(request);
      const model = { status: 404, message: new NotFound().message, summary: "We couldn't find that page.", requestId: ids.traceId, correlationId: ids.correlationId, timestamp: deps.now().toISOString().replace(/\.\d{3}Z$/, 'Z') };
      return sendPage(reply, errorPage(model, pageChrome(request, prefix)));
    }
    return sendEntraError(reply, new OAuthError(9002313, [], { status: 404 }), requestIdsFor(request), deps.urls.baseFor(request), deps.now());
  };
}
