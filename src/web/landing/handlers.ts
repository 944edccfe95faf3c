/**
 * The landing page's routes (web/routes.ts): `GET /` (HTML, or JSON by `Accept`), the local
 * CA at `GET /ca.pem`, the docs at `GET /docs/:name`. HEAD follows GET. None of them writes to
 * storage or sets a cookie: they read the directory and files listed at start.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { NotFound } from '../errors.js';
import { landingPage } from '../pages/landing.js';
import { pageChrome, sendPage } from '../render.js';
import type { DocsIndex } from './docs.js';
import { prefersJson } from './negotiate.js';
import { directoryOverview } from './overview.js';
import { caUrl, fullLanding } from './page-model.js';
import { publicInfo } from './public-info.js';

/** What the web routes are built from: the app's deps and what the web plugin read at start. */
export interface WebContext {
  deps: AppDeps;
  docs: DocsIndex;
  /** Tessera's version (package.json). */
  version: string;
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Files served as they are: no framing, no script, no sniffing (nosniff is app-wide). */
const FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function landingHandler(web: WebContext): Handler {
  const { deps } = web;
  return async (request, reply) => {
    const json = prefersJson(request.headers.accept);
    // The answer depends on Accept: a cache must not hand the JSON to a browser, or the reverse.
    reply.header('vary', 'Accept');
    const full = deps.config.landingPage === 'full';
    if (json) {
      reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
      if (!full) return reply.send({});
      const base = deps.urls.baseFor(request);
      return reply.send(await publicInfo(deps.directory, await directoryOverview(deps.directory), { url: base, caUrl: caUrl(deps, base) }));
    }
    const prefix = deps.urls.pathPrefix;
    const docs = web.docs.names.map((name) => ({ name, href: `${deps.urls.baseFor(request)}/docs/${encodeURIComponent(name)}` }));
    const overview = full ? fullLanding(request, deps, await directoryOverview(deps.directory)) : null;
    return sendPage(reply, landingPage({ version: web.version, docs, full: overview }, pageChrome(request, prefix)));
  };
}

/** The local CA's certificate (public: the CA's key never leaves the data directory). */
export function caHandler(web: WebContext): Handler {
  return async (_request, reply) => {
    const caPem = web.deps.tls?.caPem;
    // --cert/--key or --http: Tessera has no CA of its own to offer.
    if (!caPem) throw new NotFound();
    return reply
      .type('application/x-pem-file')
      .header('content-disposition', 'attachment; filename="tessera-ca.pem"')
      .header('content-security-policy', FILE_CSP)
      .header('cache-control', 'no-cache')
      .send(caPem);
  };
}

/** One of docs/*.md by exact name from the allowlist (web/landing/docs.ts); anything else 404s. */
export function docsHandler(web: WebContext): Handler {
  return async (request, reply) => {
    const text = await web.docs.read((request.params as { name: string }).name);
    if (text === undefined) throw new NotFound();
    return reply.type('text/markdown; charset=utf-8').header('content-security-policy', FILE_CSP).header('cache-control', 'no-cache').send(text);
  };
}
