/**
 * `POST /{tenant}/adminconsent`: the admin consent page's Accept / Cancel (protocol.md §6). The
 * form names its pending request by an opaque handle and carries a CSRF token bound to this
 * browser session and that handle; without both, nothing is granted (AADSTS90023 page).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { adminConsentDecision } from '../admin-consent/step.js';
import { readParams } from '../endpoints/authorize.js';

export function adminConsentDecisionEndpoint(deps: AppDeps) {
  return async function decision(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return adminConsentDecision(request, reply, deps, readParams(request.body));
  };
}
