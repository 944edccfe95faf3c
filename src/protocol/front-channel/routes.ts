/**
 * Every front-channel path (shared/style.md convention 1), under the protocol path prefix:
 * `/authorize` (v2 and v1, GET and POST form) and the sign-in pages' form targets.
 */
import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import type { TenantProtocolContext } from '../context.js';
import { authorizeEndpoint } from '../endpoints/authorize.js';
import { consentEndpoint } from '../endpoints/consent.js';
import { loginEndpoint } from '../endpoints/login.js';
import { adminConsentDecisionEndpoint } from './admin-consent-decision.js';
import { adminConsentEndpoint } from './admin-consent.js';

type Handler = (request: FastifyRequest, reply: FastifyReply, ctx: TenantProtocolContext) => Promise<unknown>;

export interface FrontChannelRoute {
  name: string;
  method: HTTPMethods | HTTPMethods[];
  url: string;
  handler: (deps: AppDeps) => Handler;
}

export const frontChannelRoutes: readonly FrontChannelRoute[] = [
  { name: 'authorize', method: ['GET', 'POST'], url: '/:tenant/oauth2/v2.0/authorize', handler: (deps) => authorizeEndpoint(deps, 'v2') },
  { name: 'authorize-v1', method: ['GET', 'POST'], url: '/:tenant/oauth2/authorize', handler: (deps) => authorizeEndpoint(deps, 'v1') },
  { name: 'login', method: 'POST', url: '/:tenant/login', handler: loginEndpoint },
  { name: 'consent', method: 'POST', url: '/:tenant/consent', handler: consentEndpoint },
  // protocol.md §6: admin consent, the legacy (static) and the scope-aware form, and its page's form.
  { name: 'adminconsent', method: 'GET', url: '/:tenant/adminconsent', handler: (deps) => adminConsentEndpoint(deps, 'v1') },
  { name: 'adminconsent-v2', method: 'GET', url: '/:tenant/v2.0/adminconsent', handler: (deps) => adminConsentEndpoint(deps, 'v2') },
  { name: 'adminconsent-decision', method: 'POST', url: '/:tenant/adminconsent', handler: adminConsentDecisionEndpoint },
];
