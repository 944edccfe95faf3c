/**
 * `POST /{tenant}/oauth2/v2.0/token` and the v1 `POST /{tenant}/oauth2/token`
 * (protocol.md §4, §9.2). A dispatcher over the grant registry; each step is a named function
 * in the order Entra validates.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import type { TenantProtocolContext } from '../context.js';
import { OAuthError } from '../errors.js';
import { grantRegistry } from '../grants/index.js';
import type { Grant, TokenRequestContext } from '../grants/types.js';

export function tokenEndpoint(deps: AppDeps, endpointVersion: 'v1' | 'v2') {
  return async function token(request: FastifyRequest, reply: FastifyReply, protocol: TenantProtocolContext): Promise<FastifyReply> {
    const params = readForm(request);
    const grant = selectGrant(params);
    checkParameters(params, grant, endpointVersion);
    const ctx = contextFor(request, protocol, params, deps, endpointVersion);
    const response = await grant.handle(ctx);
    // protocol.md §4: token responses must never be cached.
    reply.headers(ctx.responseHeaders);
    return reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache').send(response);
  };
}

/** Any method but POST on the token endpoint → AADSTS900561 (protocol.md §4). */
export function tokenWrongMethod(request: FastifyRequest): never {
  throw new OAuthError(900561, [request.method]);
}

/** One string per parameter; a repeated parameter is a malformed request. */
function readForm(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (body === null || typeof body !== 'object') return {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new OAuthError(9002313);
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

function selectGrant(params: Record<string, string>): Grant {
  const grantType = params.grant_type;
  if (!grantType) throw new OAuthError(900144, ['grant_type']);
  const grant = grantRegistry.get(grantType);
  if (!grant) throw new OAuthError(70003, [grantType]);
  return grant;
}

function checkParameters(params: Record<string, string>, grant: Grant, endpointVersion: 'v1' | 'v2'): void {
  // protocol.md §3.1: `resource` is a v1 parameter; v2 answers AADSTS901002.
  if (endpointVersion === 'v2' && params.resource !== undefined) throw new OAuthError(901002);
  for (const name of grant.parameters) {
    if (!params[name]) throw new OAuthError(900144, [name]);
  }
}

function contextFor(request: FastifyRequest, { tenant, base }: TenantProtocolContext, params: Record<string, string>, deps: AppDeps, endpointVersion: 'v1' | 'v2'): TokenRequestContext {
  const path = endpointVersion === 'v2' ? 'oauth2/v2.0/token' : 'oauth2/token';
  return { request, params, tenant, endpointVersion, tokenEndpointUrl: `${base}/${tenant.segment}/${path}`, base, deps, responseHeaders: {} };
}
