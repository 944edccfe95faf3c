/**
 * `POST /{tenant}/consent`: the consent page's Accept / Cancel and the approval-required page's
 * "Return to the application" (protocol.md §14.3–14.4). Accept records the grants — the user's,
 * or the organization's when an administrator ticked "Consent on behalf of your organization" or
 * came with `prompt=admin_consent` — then issues the code; Cancel → `access_denied` (AADSTS65004);
 * returning from the approval page → `consent_required` (AADSTS90094), both at the redirect URI.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { FIELD } from '../../web/pages/fields.js';
import { issueCode } from '../authorize/complete.js';
import { consentNeed, forcesConsent, recordConsent } from '../authorize/consent.js';
import { openFlowForm } from '../authorize/flow-form.js';
import { OAuthError } from '../errors.js';

export function consentEndpoint(deps: AppDeps) {
  return async function consent(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { form, flow, browser } = await openFlowForm(request, deps);
    if (flow.user === undefined || (flow.step !== 'consent' && flow.step !== 'approval')) throw new OAuthError(90023);
    if (flow.step === 'approval') throw new OAuthError(90094, [flow.request.appName], { allowRedirect: true });
    if (form[FIELD.decision] !== 'accept') throw new OAuthError(65004, [], { allowRedirect: true });
    const account = browser.session.accounts.find((a) => a.tenantId === flow.user?.tenantId && a.userId === flow.user.id);
    const [user, app, tenant] = await Promise.all([
      deps.directory.getUser(flow.user.tenantId, flow.user.id),
      deps.directory.getApplicationByAppId(flow.request.clientId),
      deps.directory.getTenant(flow.user.tenantId),
    ]);
    if (account === undefined || user === undefined || app === undefined || tenant === undefined) throw new OAuthError(90023);
    // Recomputed, not taken from the form: the user accepts what the request asks for, and only
    // what they may grant (the page they saw may be older than a policy change).
    const need = await consentNeed(deps.directory, flow.request, app, tenant.id, tenant.displayName, user, forcesConsent(flow.request));
    if (need.adminRequired) throw new OAuthError(90094, [app.displayName]);
    const organization = need.organizationOnly || (need.isAdmin && form[FIELD.consentForOrganization] === '1');
    await recordConsent(deps.directory, tenant.id, app, user, need.missing, { organization });
    // protocol.md §14.4: `prompt=admin_consent` grants the static permissions too (AllPrincipals + app roles).
    if (need.organizationOnly) await deps.directory.grantAdminConsent(tenant.id, app.appId);
    // protocol.md §9.1: "when an admin consented, admin_consent=True".
    return issueCode(request, reply, deps, browser, flow.request, account, user, organization ? [['admin_consent', 'True']] : []);
  };
}
