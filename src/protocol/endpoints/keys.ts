/**
 * JWKS: v2 `/{tenant}/discovery/v2.0/keys` (entries carry an `issuer` template) and v1
 * `/{tenant}/discovery/keys`, `/common/discovery/keys` (no `issuer`, protocol.md §17).
 * protocol.md §8.3; one key set serves every tenant, as Entra's shared tenant keys do.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import type { TenantProtocolContext } from '../context.js';
import { issuerV2, TENANT_ID_PLACEHOLDER } from '../issuers.js';
import { sendDiscovery } from './openid-configuration.js';

export function keysV2(deps: AppDeps) {
  return async function keys(_request: FastifyRequest, reply: FastifyReply, { tenant, base }: TenantProtocolContext) {
    // The consumers tenant's keys are bound to its own issuer; Entra tenants share the template.
    const issuer = issuerV2(base, tenant.alias === 'consumers' && tenant.tenant ? tenant.tenant.id : TENANT_ID_PLACEHOLDER);
    const keys = (await deps.keys.jwks()).map((k) => ({ ...k, issuer }));
    return sendDiscovery(reply, { keys });
  };
}

export function keysV1(deps: AppDeps) {
  return async function keys(_request: FastifyRequest, reply: FastifyReply) {
    return sendDiscovery(reply, { keys: await deps.keys.jwks() });
  };
}
