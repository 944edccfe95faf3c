/**
 * `GET /error?code={n}`: the target of `error_uri` (protocol.md §1.1). A small HTML page that
 * explains an AADSTS code from our catalog. It shows only catalog text, never request input.
 * Its CSP, framing, referrer and caching headers are those of every HTML response
 * (server/html-headers.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AADSTS } from '../aadsts.js';
import { escapeHtml } from '../../lib/html.js';

export function errorPage() {
  return async function error(request: FastifyRequest, reply: FastifyReply) {
    const raw = (request.query as Record<string, unknown>).code;
    const code = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    const entry = code === null ? undefined : (AADSTS as Record<number, { error: string; message: string }>)[code];
    const title = entry ? `AADSTS${code}` : 'Unknown error code';
    const text = entry ? `${entry.error}: ${entry.message.replace(/\{\d+\}/g, '…')}` : 'Tessera has no entry for this code.';
    return reply
      .code(entry ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`);
  };
}
