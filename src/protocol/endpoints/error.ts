/**
 * `GET /error?code={n}`: the target of `error_uri` (protocol.md §1.1), explaining an AADSTS code
 * from our catalog (the page itself is a web view, src/web/pages/error-code.ts). It shows only
 * catalog text, never request input. Its CSP, framing, referrer and caching headers are those of
 * every HTML response (server/html-headers.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorCodePage } from '../../web/pages/error-code.js';
import { AADSTS } from '../aadsts.js';

export function errorPage() {
  return async function error(request: FastifyRequest, reply: FastifyReply) {
    const raw = (request.query as Record<string, unknown>).code;
    const code = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    const entry = code === null ? undefined : (AADSTS as Record<number, { error: string; message: string }>)[code];
    const title = entry ? `AADSTS${code}` : 'Unknown error code';
    const text = entry ? `${entry.error}: ${entry.message.replace(/\{\d+\}/g, '…')}` : 'Tessera has no entry for this code.';
    return reply.code(entry ? 200 : 404).type('text/html; charset=utf-8').send(errorCodePage({ title, text }));
  };
}
