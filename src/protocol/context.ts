/**
 * The protocol context (shared/style.md convention 8): what every protocol handler knows about
 * its request — ids, issuer base and, on `/{tenant}/…` routes, the resolved tenant — built once
 * before the handler runs and passed to it as a typed argument, never hung on the request.
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../server/deps.js';
import { requestIdsFor, type RequestIds } from '../server/request-ids.js';
import { resolveTenantContext, type TenantContext } from './tenant-context.js';

export interface ProtocolContext {
  ids: RequestIds;
  /** Issuer base of this request: the public URL, or the trusted origin the Host names (prefix included). */
  base: string;
}

/** The context of a `/{tenant}/…` route. */
export interface TenantProtocolContext extends ProtocolContext {
  tenant: TenantContext;
}

export function protocolContext(request: FastifyRequest, deps: AppDeps): ProtocolContext {
  return { ids: requestIdsFor(request), base: deps.urls.baseFor(request) };
}

/**
 * @throws OAuthError AADSTS900023 / AADSTS90002 for a malformed or unknown `{tenant}`, with the
 * OAuth `error` the surface uses (`invalid_tenant` on discovery, `invalid_request` elsewhere).
 */
export async function tenantProtocolContext(request: FastifyRequest, deps: AppDeps, notFoundError: string): Promise<TenantProtocolContext> {
  const { tenant } = request.params as { tenant: string };
  return { ...protocolContext(request, deps), tenant: await resolveTenantContext(tenant, deps.directory, notFoundError) };
}
