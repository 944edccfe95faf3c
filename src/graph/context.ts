/**
 * What a Graph handler gets (shared/style.md convention 8: explicit context, no hidden state)
 * and what it returns; `plugin.ts` turns results into responses with Graph's headers.
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../server/deps.js';
import type { GraphPrincipal } from './auth/principal.js';
import type { QueryOptions } from './odata/query-options.js';

export type GraphVersion = 'v1.0' | 'beta';

export interface GraphContext {
  request: FastifyRequest;
  deps: AppDeps;
  version: GraphVersion;
  principal: GraphPrincipal;
  /** Path parameters by the names of the route table (`{id}` → `id`), decoded. */
  params: Readonly<Record<string, string>>;
  query: QueryOptions;
  /** `ConsistencyLevel: eventual` was sent (graph.md §1.6 advanced queries). */
  eventual: boolean;
  /** `scheme://host:port` of this request, for `@odata` links (graph.md §1.4). */
  origin: string;
  /** The path after the version, as sent (`/users`), for nextLinks. */
  rawPath: string;
}

/**
 * A JSON body (sent with the OData content type), a bare text value (`$count`), or no body at
 * all (204 No Content: PATCH, DELETE, graph.md §1.3).
 */
export type GraphResult = { json: unknown } | { text: string } | { noContent: true };

export type GraphHandler = (ctx: GraphContext) => Promise<GraphResult>;
