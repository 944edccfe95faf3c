/**
 * Probes for orchestrators and load balancers (docs/architecture.md, Operations):
 * - `GET /health` (liveness): 200 whenever the process serves HTTP, even with the database away,
 *   so an orchestrator does not restart a node that would only reconnect.
 * - `GET /ready` (readiness): 200 when a trivial query answers within READY_TIMEOUT_MS, else 503
 *   (also while draining), so traffic goes to nodes that can serve it.
 * Both at the host root, JSON, never cached, no authentication and nothing secret in the body.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './deps.js';
import type { Drain } from './draining.js';

/** The probes' paths: exempt from the Host rule (edge-guards.ts) and from draining (draining.ts). */
export const PROBE_PATH = /^\/(?:health|ready)(?:[/?]|$)/;

/** Short: a readiness probe that hangs is worse than one that says no. */
export const READY_TIMEOUT_MS = 2000;
const RETRY_AFTER_SECONDS = '1';

/** Registers `/health` and `/ready` on `app`. */
export async function healthRoutes(app: FastifyInstance, options: { deps: Pick<AppDeps, 'storage'>; drain: Drain }): Promise<void> {
  app.get('/health', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (options.drain.isDraining()) return reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send({ status: 'draining' });
    if (!(await options.deps.storage.ping(READY_TIMEOUT_MS))) {
      return reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send({ status: 'unavailable', database: 'unreachable' });
    }
    return reply.send({ status: 'ready' });
  });
}
