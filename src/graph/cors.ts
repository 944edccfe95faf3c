/**
 * CORS for the Graph surface (`/v1.0/…`, `/beta/…`, `/oidc/userinfo`): single-page apps call
 * Graph from the browser with a bearer token (issue 7, SPA "Done when"). Graph authenticates by
 * the `Authorization` header only, never by cookies, so every origin may read every answer —
 * errors included, or a browser app could not see why a call failed (Fetch standard §3.2.3).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphErrors } from './errors.js';

// ENTRA-COMPAT: graph.microsoft.com answers `Access-Control-Allow-Origin: *` (no credentials
// mode: the token travels in a header) and exposes its correlation and paging headers, so a
// browser client can read `request-id`, `client-request-id`, `Location`, `WWW-Authenticate`…
const EXPOSED = 'ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate, x-ms-client-gcc-tenant, Retry-After';

/** Preflight results may be cached a day (Chromium caps at 2 h, Firefox at 24 h). */
const MAX_AGE_SECONDS = '86400';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * Request headers the Graph SDKs and msal-browser apps send: `Authorization`, `Content-Type`,
 * `client-request-id`, `return-client-request-id`, `ConsistencyLevel`, `SdkVersion`, `Prefer`,
 * `If-Match`/`If-None-Match`, `FeatureFlag`, `Cache-Control`, `x-ms-*`. A header outside the list
 * is not echoed, so the browser refuses the request before it is sent.
 */
const ALLOWED_HEADER = /^(?:authorization|content-type|accept|accept-language|client-request-id|return-client-request-id|consistencylevel|sdkversion|prefer|if-match|if-none-match|featureflag|cache-control|x-ms-[a-z0-9-]+|x-anchormailbox)$/i;

/** onRequest hook of the Graph surface: any origin may read the answer, success or error. */
export async function allowGraphOrigin(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-expose-headers', EXPOSED);
}

/** `OPTIONS /v1.0/*`, `/beta/*`, `/oidc/userinfo`: the CORS preflight (Fetch standard §3.2.2). */
export async function graphPreflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  // An OPTIONS without Access-Control-Request-Method is no preflight (Fetch standard §3.2.2):
  // Graph serves no OPTIONS method of its own, so it is the 405 of any untaken method.
  if (typeof request.headers['access-control-request-method'] !== 'string') throw graphErrors.methodNotAllowed();
  const requested = request.headers['access-control-request-headers'];
  const headers = (typeof requested === 'string' ? requested.split(',') : [])
    .map((h) => h.trim())
    .filter((h) => ALLOWED_HEADER.test(h));
  reply.header('vary', 'Access-Control-Request-Headers');
  reply.header('access-control-allow-methods', ALLOWED_METHODS);
  if (headers.length > 0) reply.header('access-control-allow-headers', headers.join(', '));
  return reply.header('access-control-max-age', MAX_AGE_SECONDS).code(204).send();
}
