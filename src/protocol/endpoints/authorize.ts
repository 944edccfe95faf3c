/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize` and the v1 `/{tenant}/oauth2/authorize`
 * (protocol.md §3, §9.1). Client and redirect URI first (page errors), then the request
 * (redirected errors), then the interaction (authorize/interaction.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { browserSession } from '../authorize/flow.js';
import { startInteraction } from '../authorize/interaction.js';
import { trustTarget, validateRequest, type AuthorizeParams } from '../authorize/request.js';
import type { TenantProtocolContext } from '../context.js';
import { OAuthError } from '../errors.js';

export function authorizeEndpoint(deps: AppDeps, endpointVersion: 'v1' | 'v2') {
  return async function authorize(request: FastifyRequest, reply: FastifyReply, { tenant }: TenantProtocolContext): Promise<FastifyReply> {
    const params = readParams(request.method === 'POST' ? request.body : request.query);
    const app = params.client_id ? await deps.directory.getApplicationByAppId(params.client_id) : undefined;
    const target = trustTarget(params, app, tenant);
    // From here on, the front channel's error handler redirects errors to the client.
    request.authorizeTarget = target;
    const authz = validateRequest(params, target, app!, tenant, endpointVersion);
    const browser = await browserSession(request, reply, deps);
    return startInteraction(request, reply, deps, browser, authz);
  };
}

/** One string per parameter; a repeated parameter is a malformed request (page). */
export function readParams(source: unknown): AuthorizeParams {
  if (source === null || typeof source !== 'object') return {};
  const params: AuthorizeParams = {};
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new OAuthError(9002313);
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}
