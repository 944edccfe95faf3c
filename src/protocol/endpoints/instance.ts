/**
 * Instance discovery, `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…`
 * (protocol.md §8.4). MSAL never asks our host for it (it asks Microsoft's, unless
 * `knownAuthorities` is set), but some clients and tools do; the answer names only us.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { OAuthError } from '../errors.js';
import { sendDiscovery } from './openid-configuration.js';

export function instanceDiscovery(deps: AppDeps) {
  return async function instance(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Record<string, unknown>;
    const endpoint = typeof query.authorization_endpoint === 'string' ? query.authorization_endpoint : null;
    const base = deps.urls.baseFor(request);
    const { host, pathname } = new URL(base);
    let tenantDiscovery = `${base}/common/v2.0/.well-known/openid-configuration`;
    if (endpoint !== null) {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw new OAuthError(50049);
      }
      // Only our own authority (host and path prefix) is known here: AADSTS50049 for any other.
      const prefix = pathname.replace(/\/+$/, '');
      if (url.host.toLowerCase() !== host.toLowerCase() || !url.pathname.startsWith(`${prefix}/`)) throw new OAuthError(50049);
      const rest = url.pathname.slice(prefix.length).split('/').filter(Boolean);
      const tenant = rest[0] ?? 'common';
      const isV2 = rest[2] === 'v2.0';
      tenantDiscovery = isV2 ? `${base}/${tenant}/v2.0/.well-known/openid-configuration` : `${base}/${tenant}/.well-known/openid-configuration`;
    }
    return sendDiscovery(reply, {
      tenant_discovery_endpoint: tenantDiscovery,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  };
}
