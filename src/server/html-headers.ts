/**
 * Security headers of every HTML response, whatever surface renders it (shared/style.md
 * convention 16; design.md Security): no framing (`frame-ancestors 'none'` and, for browsers
 * without CSP level 2, `X-Frame-Options: DENY`), no referrer (pages can carry codes and state
 * in their URL), never cached. A page that sets its own Content-Security-Policy (a nonce for
 * its script) keeps it; `frame-ancestors 'none'` is added when it lacks one.
 */
import type { FastifyReply } from 'fastify';

/** The policy of pages that set none: our pages load nothing but same-origin styles and images. */
export const DEFAULT_HTML_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Adds the headers when the reply is HTML (called from the app's onSend hook). */
export function applyHtmlSecurityHeaders(reply: FastifyReply): void {
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !/^text\/html\b/i.test(type)) return;
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string' || csp.trim() === '') reply.header('content-security-policy', DEFAULT_HTML_CSP);
  else if (!/(^|;)\s*frame-ancestors\s/i.test(csp)) reply.header('content-security-policy', `${csp.replace(/;\s*$/, '')}; frame-ancestors 'none'`);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cache-control', 'no-store');
}
