/**
 * `POST /{tenant}/login`: the sign-in pages' form target. The flow id names the pending request
 * and its step; the CSRF token must be this browser's for this flow (web/csrf.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { FIELD } from '../../web/pages/fields.js';
import { openFlowForm } from '../authorize/flow-form.js';
import { OAuthError } from '../errors.js';
import { mfaStep, passwordStep } from '../signin/credentials.js';
import { pickStep, usernameStep } from '../signin/identify.js';

export function loginEndpoint(deps: AppDeps) {
  return async function login(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { form, flow, browser } = await openFlowForm(request, deps);
    switch (flow.step) {
      case 'username':
        return usernameStep(request, reply, deps, browser, flow, form[FIELD.username]);
      case 'password':
        return passwordStep(request, reply, deps, browser, flow, form[FIELD.password]);
      case 'mfa':
        return mfaStep(request, reply, deps, browser, flow, form[FIELD.otc]);
      case 'pick':
        return pickStep(request, reply, deps, browser, flow, form[FIELD.account]);
      default:
        throw new OAuthError(90023);
    }
  };
}
