/**
 * CORS for the token endpoints (protocol.md §4.3): single-page apps redeem codes and refresh
 * tokens from the browser, so `OPTIONS` preflights are answered and every token response names
 * the calling origin. Discovery and JWKS answer `*` themselves (openid-configuration.ts).
 * Whether a cross-origin redemption is allowed at all is the grants' decision (AADSTS9002326):
 * CORS only lets the browser read the answer, error or not.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Preflight results may be cached a day (Chromium caps at 2 h, Firefox at 24 h). */
const MAX_AGE_SECONDS = '86400';

/**
 * Request headers a browser client may send: msal-browser's `content-type`, `client-request-id`,
 * `return-client-request-id`, its `x-client-SKU/VER/OS/CPU` and telemetry headers, `x-ms-*`
 * (`x-ms-lib-capability`), `x-app-name`/`x-app-ver`, `x-anchormailbox`.
 */
const ALLOWED_HEADER = /^(?:content-type|accept|accept-language|client-request-id|return-client-request-id|x-client-[a-z0-9-]+|x-ms-[a-z0-9-]+|x-app-name|x-app-ver|x-anchormailbox)$/i;

function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  // An origin is `scheme://host[:port]` or `null` (RFC 6454 §7); anything else is not echoed.
  return typeof origin === 'string' && /^(?:null|[a-z][a-z0-9+.-]*:\/\/[^\s/]+)$/i.test(origin) ? origin : undefined;
}

/** onRequest hook of the token routes: the answer (token or error) is readable by the calling origin. */
export async function allowTokenOrigin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = originOf(request);
  reply.header('vary', 'Origin');
  if (origin !== undefined) reply.header('access-control-allow-origin', origin);
}

/** `OPTIONS /{tenant}/oauth2/v2.0/token` (and v1): the CORS preflight (Fetch standard §3.2.2). */
export function tokenPreflight() {
  return async function preflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const requested = request.headers['access-control-request-headers'];
    const headers = (typeof requested === 'string' ? requested.split(',') : [])
      .map((h) => h.trim())
      .filter((h) => ALLOWED_HEADER.test(h));
    reply.header('vary', 'Origin, Access-Control-Request-Headers');
    const origin = originOf(request);
    if (origin !== undefined) reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    if (headers.length > 0) reply.header('access-control-allow-headers', headers.join(', '));
    return reply.header('access-control-max-age', MAX_AGE_SECONDS).code(204).send();
  };
}
