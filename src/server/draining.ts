/**
 * While the server drains (SIGTERM, `app.close()`), requests that still arrive on open
 * connections are refused with 503 in the shape of their surface (Entra's token-error JSON
 * `temporarily_unavailable`, Graph's OData `serviceNotAvailable`), with `Retry-After` and
 * `Connection: close`, so clients and load balancers move to another node. This replaces
 * Fastify's `return503OnClosing`, whose body is Fastify's own (spec/clients.md items 18-20).
 * The probes are exempt: `/health` stays 200 (the process is alive while it drains) and `/ready`
 * answers 503 `draining` in its own shape.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { graphErrors, sendGraphError } from '../graph/errors.js';
import { graphIdsFor } from '../graph/headers.js';
import { sendEntraError } from '../protocol/error-response.js';
import { OAuthError } from '../protocol/errors.js';
import type { AppDeps } from './deps.js';
import { GRAPH_PATH } from './framework-errors.js';
import { PROBE_PATH } from './health.js';
import { requestIdsFor } from './request-ids.js';

/** Whether the app has started closing. */
export interface Drain {
  isDraining(): boolean;
}


/** Adds the drain hooks to the root `app` (before the surfaces are registered). */
export function registerDrain(app: FastifyInstance, deps: Pick<AppDeps, 'now' | 'urls'>): Drain {
  let draining = false;
  // Fastify marks itself closing and then runs preClose before it stops listening.
  app.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  app.addHook('onRequest', async function refuseWhileDraining(request: FastifyRequest, reply: FastifyReply) {
    if (!draining || PROBE_PATH.test(request.url)) return;
    reply.header('connection', 'close');
    const base = deps.urls.baseFor(request);
    if (GRAPH_PATH.test(request.url)) return sendGraphError(reply, graphErrors.serviceNotAvailable(), graphIdsFor(request), deps.now(), base);
    return sendEntraError(reply, new OAuthError(90006), requestIdsFor(request), base, deps.now());
  });
  return { isDraining: () => draining };
}
