/**
 * Rendering the sign-in steps of a flow: each page gets its form (action, CSRF, flow id) and a
 * CSP whose `form-action` lists the redirect URI's origin too — Chromium checks `form-action`
 * on the 302 that answers the POST (web/csp.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { noteErrorCode } from '../../server/request-log.js';
import type { PageChrome } from '../../web/layout.js';
import { approvalRequiredPage } from '../../web/pages/approval-required.js';
import { consentPage, type ConsentPermission } from '../../web/pages/consent.js';
import { mfaPage } from '../../web/pages/mfa.js';
import { pickAccountPage } from '../../web/pages/pick-account.js';
import { signInPasswordPage } from '../../web/pages/sign-in-password.js';
import { signInUsernamePage } from '../../web/pages/sign-in-username.js';
import { pageChrome, sendPage } from '../../web/render.js';
import { createFlow, flowCsrf, type BrowserSession, type FlowState } from './flow.js';

export type StepPage =
  | { step: 'username'; username?: string; error?: string }
  | { step: 'password'; error?: string }
  | { step: 'mfa'; error?: string }
  | { step: 'pick'; accounts: Array<{ id: string; displayName: string; username: string }> }
  | { step: 'consent'; permissions: ConsentPermission[]; publisherDomain?: string; offerOrganizationConsent?: boolean; organizationOnly?: boolean }
  | { step: 'approval'; permissions: ConsentPermission[] };

/** Stores `flow` (a new entry per step) and sends its page. */
export async function showStep(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: Omit<FlowState, 'kind' | 'step'>, page: StepPage): Promise<FastifyReply> {
  // A step shown again with an error (wrong password: AADSTS50126) is logged with its code.
  const code = 'error' in page && page.error !== undefined ? /^AADSTS\d+/.exec(page.error)?.[0] : undefined;
  if (code !== undefined) noteErrorCode(request, code);
  const handle = await createFlow(deps, { ...flow, step: page.step });
  const base = `${deps.urls.pathPrefix}/${encodeURIComponent(flow.request.tenantSegment)}`;
  const form = { action: `${base}/${page.step === 'consent' || page.step === 'approval' ? 'consent' : 'login'}`, csrf: flowCsrf(deps, browser, handle), flow: handle };
  const chrome: PageChrome = pageChrome(request, deps.urls.pathPrefix, { formActionOrigins: [flow.request.redirectUri] });
  const appName = flow.request.appName;
  const username = flow.user?.username ?? '';
  switch (page.step) {
    case 'username':
      return sendPage(reply, signInUsernamePage({ form, appName, ...(page.username !== undefined ? { username: page.username } : {}), ...(page.error ? { error: page.error } : {}) }, chrome));
    case 'password':
      return sendPage(reply, signInPasswordPage({ form, username, ...(page.error ? { error: page.error } : {}) }, chrome));
    case 'mfa':
      return sendPage(reply, mfaPage({ form, username, ...(page.error ? { error: page.error } : {}) }, chrome));
    case 'pick':
      return sendPage(reply, pickAccountPage({ form, appName, accounts: page.accounts }, chrome));
    case 'consent':
      return sendPage(reply, consentPage({ form, username, app: { name: appName, ...(page.publisherDomain ? { publisherDomain: page.publisherDomain } : {}) }, permissions: page.permissions, offerOrganizationConsent: page.offerOrganizationConsent === true, organizationOnly: page.organizationOnly === true }, chrome));
    case 'approval':
      return sendPage(reply, approvalRequiredPage({ form, username, app: { name: appName }, permissions: page.permissions }, chrome));
  }
}
