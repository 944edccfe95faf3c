/**
 * `POST /{tenant}/consent`: the consent page's Accept / Cancel (protocol.md §14.4). Accept
 * records the user's grants, then issues the code; Cancel → `access_denied` (AADSTS65004) at the
 * redirect URI.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { FIELD } from '../../web/pages/fields.js';
import { issueCode } from '../authorize/complete.js';
import { consentNeed, recordConsent } from '../authorize/consent.js';
import { openFlowForm } from '../authorize/flow-form.js';
import { OAuthError } from '../errors.js';

export function consentEndpoint(deps: AppDeps) {
  return async function consent(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { form, flow, browser } = await openFlowForm(request, deps);
    if (flow.step !== 'consent' || flow.user === undefined) throw new OAuthError(90023);
    if (form[FIELD.decision] !== 'accept') throw new OAuthError(65004, [], { allowRedirect: true });
    const account = browser.session.accounts.find((a) => a.tenantId === flow.user?.tenantId && a.userId === flow.user.id);
    const [user, app, tenant] = await Promise.all([
      deps.directory.getUser(flow.user.tenantId, flow.user.id),
      deps.directory.getApplicationByAppId(flow.request.clientId),
      deps.directory.getTenant(flow.user.tenantId),
    ]);
    if (account === undefined || user === undefined || app === undefined || tenant === undefined) throw new OAuthError(90023);
    // Recomputed, not taken from the form: the user accepts what the request asks for.
    const need = await consentNeed(deps.directory, flow.request, app, tenant.id, tenant.displayName, user, flow.request.prompt === 'consent');
    if (need.adminRequired) throw new OAuthError(90094, [app.displayName]);
    await recordConsent(deps.directory, tenant.id, app, user, need.missing);
    return issueCode(request, reply, deps, browser, flow.request, account, user);
  };
}
