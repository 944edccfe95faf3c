/**
 * The opening steps of every sign-in form POST (`/{tenant}/login`, `/{tenant}/consent`), in
 * order: read the form, load the pending request its `flow` names, trust that request's redirect
 * URI for errors from here on, and refuse the POST unless its CSRF token is this browser's for
 * this flow (web/csrf.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { FIELD } from '../../web/pages/fields.js';
import { readParams } from '../endpoints/authorize.js';
import { checkFlowCsrf, currentBrowserSession, loadFlow, type BrowserSession, type FlowState } from './flow.js';

export interface FlowForm {
  form: Record<string, string>;
  flow: FlowState;
  browser: BrowserSession;
}

export async function openFlowForm(request: FastifyRequest, deps: AppDeps): Promise<FlowForm> {
  const form = readParams(request.body);
  const flow = await loadFlow(deps, form[FIELD.flow]);
  request.authorizeTarget = flow.request;
  const browser = await currentBrowserSession(request, deps);
  checkFlowCsrf(deps, browser, form[FIELD.flow] as string, form[FIELD.csrf]);
  return { form, flow, browser };
}
