/**
 * OpenID Connect discovery, v2 `/{tenant}/v2.0/.well-known/openid-configuration` and v1
 * `/{tenant}/.well-known/openid-configuration`, field by field per protocol.md §8.1–8.2.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import type { TenantProtocolContext } from '../context.js';
import type { TenantContext } from '../tenant-context.js';
import { issuerV1, issuerV2, TENANT_ID_PLACEHOLDER } from '../issuers.js';

/** The segment endpoints are built with: the GUID for a resolved tenant, else the alias. */
function endpointSegment(tenant: TenantContext): string {
  return tenant.tenant && tenant.alias !== 'consumers' ? tenant.tenant.id : tenant.segment;
}

function tenantIdOrPlaceholder(tenant: TenantContext): string {
  return tenant.tenant ? tenant.tenant.id : TENANT_ID_PLACEHOLDER;
}

// Members shared by both documents; each document keeps Entra's member order around them.
const AUTH_METHODS = ['client_secret_post', 'private_key_jwt', 'client_secret_basic'];
const SHARED = {
  response_modes_supported: ['query', 'fragment', 'form_post'],
  subject_types_supported: ['pairwise'],
  id_token_signing_alg_values_supported: ['RS256'],
};

/** The cloud-description tail of both documents (protocol.md §8.1, last rows). */
function cloudFields(t: string, tenant: TenantContext, base: string, origin: string) {
  const hostname = new URL(base).hostname;
  return {
    kerberos_endpoint: `${t}/kerberos`,
    tenant_region_scope: tenant.tenant ? 'WW' : null,
    cloud_instance_name: hostname,
    cloud_graph_host_name: hostname,
    msgraph_host: new URL(origin).host,
    rbac_url: origin,
  };
}

export function openidConfigurationV2(deps: AppDeps) {
  return async function openidConfiguration(request: FastifyRequest, reply: FastifyReply, { tenant, base }: TenantProtocolContext) {
    const origin = deps.urls.originFor(request);
    const t = `${base}/${endpointSegment(tenant)}`;
    return sendDiscovery(reply, {
      token_endpoint: `${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      jwks_uri: `${t}/discovery/v2.0/keys`,
      ...SHARED,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: issuerV2(base, tenantIdOrPlaceholder(tenant)),
      request_uri_parameter_supported: false,
      // ENTRA-COMPAT: Entra hosts UserInfo on Graph; our Graph surface is at this host's root.
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${t}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      ...cloudFields(t, tenant, base, origin),
    });
  };
}

export function openidConfigurationV1(deps: AppDeps) {
  return async function openidConfiguration(request: FastifyRequest, reply: FastifyReply, { tenant, base }: TenantProtocolContext) {
    const origin = deps.urls.originFor(request);
    const t = `${base}/${endpointSegment(tenant)}`;
    return sendDiscovery(reply, {
      token_endpoint: `${t}/oauth2/token`,
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      // protocol.md §8.2: the v1 document points at /common/discovery/keys for every tenant.
      jwks_uri: `${base}/common/discovery/keys`,
      ...SHARED,
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      scopes_supported: ['openid'],
      issuer: issuerV1(base, tenantIdOrPlaceholder(tenant)),
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${t}/oauth2/authorize`,
      device_authorization_endpoint: `${t}/oauth2/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${t}/oauth2/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'email', 'given_name', 'family_name', 'nickname'],
      check_session_iframe: `${t}/oauth2/checksession`,
      userinfo_endpoint: `${t}/openid/userinfo`,
      ...cloudFields(t, tenant, base, origin),
    });
  };
}

/** protocol.md §8.1: discovery is cacheable and open to every origin. */
export function sendDiscovery(reply: FastifyReply, body: unknown): FastifyReply {
  return reply
    .header('cache-control', 'max-age=86400, private')
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, OPTIONS')
    .send(body);
}
