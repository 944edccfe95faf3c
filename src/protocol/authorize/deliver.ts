/**
 * Delivering an `/authorize` result to the client's redirect URI (protocol.md §3.3–3.5): a 302
 * with the parameters in the query or the fragment, or the form_post page. Errors delivered here
 * carry `error`, `error_description` (the AADSTS line and ids), `error_uri`, `state`, `trace_id`,
 * `correlation_id` and `timestamp`, as MSAL parses them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { requestIdsFor } from '../../server/request-ids.js';
import { noteAadsts } from '../../server/request-log.js';
import { formPostPage } from '../../web/pages/form-post.js';
import { pageChrome, sendPage } from '../../web/render.js';
import { entraTimestamp } from '../error-response.js';
import type { OAuthError } from '../errors.js';
import type { AuthorizeTarget } from './request.js';

export type ResponseParameters = ReadonlyArray<readonly [string, string]>;

/** Sends `parameters` (state appended when the request had one) to the redirect URI. */
export function deliver(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, target: AuthorizeTarget, parameters: ResponseParameters): FastifyReply {
  const all: Array<readonly [string, string]> = [...parameters];
  if (target.state !== undefined) all.push(['state', target.state]);
  if (target.responseMode === 'form_post') {
    return sendPage(reply, formPostPage({ redirectUri: target.redirectUri, parameters: all, appName: target.appName }, pageChrome(request, deps.urls.pathPrefix)));
  }
  return reply.redirect(redirectLocation(target.redirectUri, target.responseMode, all), 302);
}

/** The Location of a query or fragment response; path-less URIs gain `/` (protocol.md §3.3). */
export function redirectLocation(redirectUri: string, mode: 'query' | 'fragment', parameters: ResponseParameters): string {
  const base = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*$/i.test(redirectUri) ? `${redirectUri}/` : redirectUri;
  const encoded = new URLSearchParams(parameters.map(([k, v]): [string, string] => [k, v])).toString();
  if (mode === 'fragment') return `${base}#${encoded}`;
  return `${base}${base.includes('?') ? '&' : '?'}${encoded}`;
}

/** The error parameters of a redirected error (protocol.md §3.5). */
export function errorParameters(request: FastifyRequest, deps: AppDeps, error: OAuthError): ResponseParameters {
  const ids = requestIdsFor(request);
  const timestamp = entraTimestamp(deps.now());
  noteAadsts(request, error.aadsts);
  return [
    ['error', error.error],
    ['error_description', `${error.aadstsLine}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${timestamp}`],
    ['error_uri', `${deps.urls.baseFor(request)}/error?code=${error.aadsts}`],
    ['error_codes', String(error.aadsts)],
    ['timestamp', timestamp],
    ['trace_id', ids.traceId],
    ['correlation_id', ids.correlationId],
  ];
}
