/**
 * Every web path, read first (shared/style.md convention 1). Names are stable and separate from
 * paths, for URL building (`webPath(prefix, 'static', { file })`). Paths are relative to the
 * public URL's path prefix, under which web/plugin.ts is registered. The sign-in and consent
 * pages are rendered by the /authorize flow handlers (protocol front channel), not routed here.
 * GET routes answer HEAD too; other methods get the web surface's HTML 404 (server/not-found.ts).
 */
import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { IMMUTABLE_CACHE, staticAssets } from './assets/index.js';
import { NotFound } from './errors.js';
import { caHandler, docsHandler, landingHandler, type WebContext } from './landing/handlers.js';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface WebRoute {
  name: string;
  method: HTTPMethods | HTTPMethods[];
  url: string;
  /** Builds the handler from what the web plugin was registered with. */
  handler: (web: WebContext) => Handler;
}

/** `GET /static/:file`: content-addressed assets (HEAD follows GET); any other file is a 404. */
async function staticAsset(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const asset = staticAssets.get((request.params as { file: string }).file);
  if (!asset) throw new NotFound();
  return reply.type(asset.contentType).header('cache-control', IMMUTABLE_CACHE).send(asset.body);
}

export const webRoutes: readonly WebRoute[] = [
  { name: 'landing', method: 'GET', url: '/', handler: landingHandler },
  { name: 'ca', method: 'GET', url: '/ca.pem', handler: caHandler },
  { name: 'docs', method: 'GET', url: '/docs/:name', handler: docsHandler },
  { name: 'static', method: 'GET', url: '/static/:file', handler: () => staticAsset },
];

/** The path of a named route under `pathPrefix`, `:params` filled (percent-encoded). */
export function webPath(pathPrefix: string, name: string, params: Record<string, string> = {}): string {
  const route = webRoutes.find((r) => r.name === name);
  if (!route) throw new Error(`no web route named ${name}`);
  return pathPrefix + route.url.replace(/:(\w+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`web route ${name} needs :${key}`);
    return encodeURIComponent(value);
  });
}
