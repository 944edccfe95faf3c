/**
 * The front channel (`/authorize` and the sign-in pages) as its own encapsulated plugin
 * (shared/style.md convention 7). Its errors become either a redirect to the trusted redirect
 * URI (once `request.authorizeTarget` is set and the error allows it, protocol.md §3.5) or the
 * HTML error page; the back channel (`/token`, discovery) keeps Entra's JSON.
 */
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailable } from '../../directory/errors.js';
import type { AppDeps } from '../../server/deps.js';
import { requestIdsFor } from '../../server/request-ids.js';
import { noteAadsts } from '../../server/request-log.js';
import { tenantProtocolContext } from '../context.js';
import { errorPage } from '../../web/pages/error.js';
import { pageChrome, sendPage } from '../../web/render.js';
import { deliver, errorParameters } from '../authorize/deliver.js';
import type { AuthorizeTarget } from '../authorize/request.js';
import { OAuthError } from '../errors.js';
import { frontChannelRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once `/authorize` trusts the client and redirect URI (or a flow names them). */
    authorizeTarget?: AuthorizeTarget;
  }
}

export async function frontChannelPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: deps.config.bodyLimitBytes });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.bodyLimitBytes }, (_request, _body, done) => done(null, {}));

  app.setErrorHandler((error: FastifyError | OAuthError, request: FastifyRequest, reply: FastifyReply) => {
    const oauth = asOAuthError(error, request);
    const target = request.authorizeTarget;
    if (target !== undefined && oauth.allowRedirect) return deliver(request, reply, deps, target, errorParameters(request, deps, oauth));
    const ids = requestIdsFor(request);
    noteAadsts(request, oauth.aadsts);
    const model = {
      status: oauth.status >= 500 ? oauth.status : 400,
      code: oauth.aadsts,
      message: oauth.message,
      timestamp: deps.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      requestId: ids.traceId,
      correlationId: ids.correlationId,
      ...(target ? { appName: target.appName, appId: target.clientId } : {}),
    };
    if (oauth.status === 503) reply.header('retry-after', '5');
    return sendPage(reply, errorPage(model, pageChrome(request, deps.urls.pathPrefix)));
  });

  for (const route of frontChannelRoutes) {
    const handler = route.handler(deps);
    app.route({
      method: route.method,
      url: route.url,
      config: { routeName: route.name },
      // Every front-channel path carries `:tenant`: resolved before the handler, in its context.
      handler: async (request: FastifyRequest, reply: FastifyReply) => handler(request, reply, await tenantProtocolContext(request, deps, 'invalid_request')),
    });
  }
}

function asOAuthError(error: FastifyError | OAuthError, request: FastifyRequest): OAuthError {
  if (error instanceof OAuthError) {
    if (error.cause) request.log.warn({ err: error.cause, aadsts: error.aadsts }, 'front-channel error');
    return error;
  }
  if (isUnavailable(error)) return new OAuthError(90006);
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return new OAuthError(9002313);
  request.log.error({ err: error }, 'unexpected front-channel error');
  return new OAuthError(90000);
}
