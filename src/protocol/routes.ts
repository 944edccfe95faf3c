/**
 * Every protocol path, read first (shared/style.md convention 1). Names are stable and separate
 * from paths. `:tenant` is a tenant GUID, a verified domain, `common`, `organizations` or
 * `consumers` (protocol.md §2); it is resolved before the handler runs and handed to it in the
 * typed context (context.ts).
 */
import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { AppDeps } from '../server/deps.js';
import type { ProtocolContext, TenantProtocolContext } from './context.js';
import { instanceDiscovery } from './endpoints/instance.js';
import { keysV1, keysV2 } from './endpoints/keys.js';
import { openidConfigurationV1, openidConfigurationV2 } from './endpoints/openid-configuration.js';
import { tokenEndpoint, tokenWrongMethod } from './endpoints/token.js';
import { errorPage } from './endpoints/error.js';
import { userRealm } from './endpoints/userrealm.js';
import { logoutEndpoint } from './endpoints/logout.js';
import { tokenPreflight } from './endpoints/token-preflight.js';

type Handler<C> = (request: FastifyRequest, reply: FastifyReply, ctx: C) => Promise<unknown>;

/** protocol.md §4: the token endpoint takes POST only; the rest answer AADSTS900561 (HEAD follows GET). */
const NOT_POST: HTTPMethods[] = ['GET', 'PUT', 'DELETE', 'PATCH'];

interface RouteBase {
  name: string;
  method: HTTPMethods | HTTPMethods[];
  url: string;
  /** Token responses carry CORS headers for the calling origin (endpoints/token-preflight.ts). */
  cors?: true;
}

/** A `/{tenant}/…` route: its handler gets the resolved tenant in its context. */
export interface TenantRoute extends RouteBase {
  tenant: true;
  /** Discovery-style endpoints answer an unknown tenant with `invalid_tenant`. */
  tenantErrorCode?: 'invalid_tenant' | 'invalid_request';
  handler: (deps: AppDeps) => Handler<TenantProtocolContext>;
}

/** A route that resolves no tenant (or resolves it itself, as logout does for its HTML errors). */
export interface PlainRoute extends RouteBase {
  tenant: false;
  handler: (deps: AppDeps) => Handler<ProtocolContext>;
}

export type ProtocolRoute = TenantRoute | PlainRoute;

export const protocolRoutes: readonly ProtocolRoute[] = [
  // v2.0
  { name: 'openid-configuration', method: 'GET', url: '/:tenant/v2.0/.well-known/openid-configuration', tenant: true, tenantErrorCode: 'invalid_tenant', handler: openidConfigurationV2 },
  { name: 'jwks', method: 'GET', url: '/:tenant/discovery/v2.0/keys', tenant: true, tenantErrorCode: 'invalid_tenant', handler: keysV2 },
  { name: 'token', method: 'POST', url: '/:tenant/oauth2/v2.0/token', tenant: true, cors: true, handler: (deps) => tokenEndpoint(deps, 'v2') },
  { name: 'token-preflight', method: 'OPTIONS', url: '/:tenant/oauth2/v2.0/token', tenant: false, handler: tokenPreflight },
  { name: 'token-wrong-method', method: NOT_POST, url: '/:tenant/oauth2/v2.0/token', tenant: false, handler: () => async (request) => tokenWrongMethod(request) },
  // Front channel: resolves its tenant itself, so that errors are HTML (endpoints/logout.ts).
  { name: 'logout', method: ['GET', 'POST'], url: '/:tenant/oauth2/v2.0/logout', tenant: false, handler: logoutEndpoint },
  // v1.0
  { name: 'openid-configuration-v1', method: 'GET', url: '/:tenant/.well-known/openid-configuration', tenant: true, tenantErrorCode: 'invalid_tenant', handler: openidConfigurationV1 },
  { name: 'jwks-v1', method: 'GET', url: '/:tenant/discovery/keys', tenant: true, tenantErrorCode: 'invalid_tenant', handler: keysV1 },
  { name: 'token-v1', method: 'POST', url: '/:tenant/oauth2/token', tenant: true, cors: true, handler: (deps) => tokenEndpoint(deps, 'v1') },
  { name: 'token-v1-preflight', method: 'OPTIONS', url: '/:tenant/oauth2/token', tenant: false, handler: tokenPreflight },
  { name: 'token-v1-wrong-method', method: NOT_POST, url: '/:tenant/oauth2/token', tenant: false, handler: () => async (request) => tokenWrongMethod(request) },
  { name: 'logout-v1', method: ['GET', 'POST'], url: '/:tenant/oauth2/logout', tenant: false, handler: logoutEndpoint },
  // shared
  { name: 'instance-discovery', method: 'GET', url: '/common/discovery/instance', tenant: false, handler: instanceDiscovery },
  { name: 'userrealm', method: 'GET', url: '/common/userrealm/:upn', tenant: false, handler: userRealm },
  { name: 'error', method: 'GET', url: '/error', tenant: false, handler: errorPage },
];
