/**
 * The access log (issue 8 item 4): one `info` line per request, written when the response has
 * been sent. It names what a developer needs to find a failed call — method, path, status,
 * duration, client id, the AADSTS or Graph error code sent, correlation and trace ids — and
 * nothing a client sent as a credential: no query string (it may carry `id_token_hint`,
 * `login_hint`, codes), no body, no header. The error serializers of each surface record the code
 * they sent with `noteErrorCode`; everything else is read from the request as it is.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TesseraConfig } from '../config/schema.js';
import { requestIdsFor } from './request-ids.js';

/** What the access line adds about a request besides what the request itself says. */
export interface LogDetail {
  /** The error code sent: `AADSTS7000215` (protocol and web) or a Graph code (`Authorization_RequestDenied`). */
  errorCode?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by error serializers; read by the access log (server/request-log.ts). */
    logDetail?: LogDetail;
  }
}

/** Records the error code this request is answered with (the last one noted wins). */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  if (request.logDetail === undefined) request.logDetail = { errorCode: code };
  else request.logDetail.errorCode = code;
}

/** Records an AADSTS number as `AADSTS<n>`. */
export function noteAadsts(request: FastifyRequest, aadsts: number): void {
  noteErrorCode(request, `AADSTS${aadsts}`);
}

const WRITES_INFO = new Set<TesseraConfig['logLevel']>(['info', 'debug', 'trace']);

/** Adds the access log to `app` when its logger writes `info` lines (no hook at all otherwise). */
export function registerRequestLog(app: FastifyInstance, level: TesseraConfig['logLevel']): void {
  if (WRITES_INFO.has(level)) app.addHook('onResponse', logRequest);
}

// A public identifier, but client-supplied: anything longer than a client id or app URI is
// not one, and is left out rather than copied into every line.
const MAX_CLIENT_ID = 200;

function logRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const url = request.url;
  const q = url.indexOf('?');
  // Bodies are already parsed (forms, Graph JSON); nothing is parsed here. A client id in an
  // Authorization header or a client assertion is not decoded: both carry the credential too.
  const body = request.body as { client_id?: unknown } | null | undefined;
  const query = request.query as { client_id?: unknown } | undefined;
  const client = (typeof body === 'object' && body !== null ? body.client_id : undefined) ?? query?.client_id;
  const ids = requestIdsFor(request);
  // The trace id is the request's own id, in every line of its logger (app.ts `genReqId`).
  request.log.info(
    {
      method: request.method,
      route: q < 0 ? url : url.slice(0, q),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      clientId: typeof client === 'string' && client.length <= MAX_CLIENT_ID ? client : undefined,
      errorCode: request.logDetail?.errorCode,
      correlationId: ids.correlationId,
    },
    'request',
  );
  done();
}
