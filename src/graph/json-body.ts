/**
 * The JSON body of a Graph write (graph.md §1.2: `Content-Type: application/json` on bodies).
 * Fastify has parsed `application/json` already (and answered an empty or malformed one with
 * Graph's 400, plugin.ts); other media types arrive as bytes or text and get 415 here, after the
 * token was checked. Size is bounded by `bodyLimitBytes` before any of this runs.
 */
import type { GraphContext } from './context.js';
import { graphErrors } from './errors.js';

/** The parsed body, or the error Graph answers for a missing or non-JSON one. */
export function jsonBody(ctx: GraphContext): unknown {
  const header = ctx.request.headers['content-type'];
  // Graph: "Please ensure Content-Type header is set" (the same 400 as an unreadable payload).
  if (header === undefined || header.trim() === '') throw graphErrors.unreadableJson();
  const type = (header.split(';')[0] ?? '').trim().toLowerCase();
  if (type !== 'application/json') throw graphErrors.unsupportedMediaType(type);
  return ctx.request.body;
}
