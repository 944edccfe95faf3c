/**
 * The impure edge of the web layer: build a page's chrome from a request, send a page. Views
 * stay pure functions of their view models (shared/style.md convention 16).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdsFor } from '../server/request-ids.js';
import { stylesheet } from './assets/index.js';
import { createNonce } from './csp.js';
import type { PageChrome, WebPage } from './layout.js';
import { webPath } from './routes.js';

/** The hashed stylesheet URL under the public URL's path prefix. */
export function stylesheetHref(pathPrefix: string): string {
  return webPath(pathPrefix, 'static', { file: stylesheet.fileName });
}

/** A fresh nonce, the stylesheet URL and this request's ids. */
export function pageChrome(request: FastifyRequest, pathPrefix: string, extra: Pick<PageChrome, 'formActionOrigins' | 'frameOrigins'> = {}): PageChrome {
  const ids = requestIdsFor(request);
  return { nonce: createNonce(), stylesheetHref: stylesheetHref(pathPrefix), requestId: ids.traceId, correlationId: ids.correlationId, ...extra };
}

/**
 * Sends a page with its own CSP. server/html-headers.ts (the app's onSend hook) keeps that
 * policy and adds X-Frame-Options, Referrer-Policy and `Cache-Control: no-store`.
 */
export function sendPage(reply: FastifyReply, page: WebPage): FastifyReply {
  return reply.code(page.status).type('text/html; charset=utf-8').header('content-security-policy', page.csp).send(page.html);
}
