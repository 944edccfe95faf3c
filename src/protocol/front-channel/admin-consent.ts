/**
 * `GET /{tenant}/adminconsent` (protocol.md §6.1: the static permissions) and
 * `GET /{tenant}/v2.0/adminconsent?scope=` (§6.2). Client and redirect URI first, as at
 * `/authorize` (page errors: AADSTS900144, 700016, 50011, 900971 — never a redirect to an
 * unregistered URI); then the administrator signs in through the sign-in pages and SSO session,
 * and the admin consent page follows (admin-consent/step.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { checkAdminConsentScope } from '../admin-consent/plan.js';
import { browserSession } from '../authorize/flow.js';
import { startInteraction } from '../authorize/interaction.js';
import { trustTarget, type AuthorizeRequest } from '../authorize/request.js';
import type { TenantProtocolContext } from '../context.js';
import { readParams } from '../endpoints/authorize.js';
import { OAuthError } from '../errors.js';

export function adminConsentEndpoint(deps: AppDeps, form: 'v1' | 'v2') {
  return async function adminConsent(request: FastifyRequest, reply: FastifyReply, { tenant }: TenantProtocolContext): Promise<FastifyReply> {
    const params = readParams(request.query);
    // protocol.md §2.2: personal accounts cannot admin-consent; §6.2 is not for /common.
    if (tenant.alias === 'consumers' || (form === 'v2' && tenant.alias === 'common')) throw new OAuthError(90130, [params.client_id?.slice(0, 100) ?? '', tenant.segment]);
    const app = params.client_id ? await deps.directory.getApplicationByAppId(params.client_id) : undefined;
    // ENTRA-COMPAT: legacy docs (§6.1) let `redirect_uri` add path segments to a registered URI;
    // we match exactly, as §6.2 and RFC 9700 §4.1.3 ask. Responses are always query parameters
    // of a GET (§6.1, §6.2), whatever `response_mode` was sent.
    const target = { ...trustTarget({ ...params, response_type: 'code' }, app, tenant), responseMode: 'query' as const };
    request.authorizeTarget = target;
    const scope = params.scope ?? '';
    if (form === 'v2' && scope.trim() === '') throw new OAuthError(900144, ['scope'], { allowRedirect: true });
    if (form === 'v2') checkAdminConsentScope(scope);
    const authz: AuthorizeRequest = {
      ...target,
      endpointVersion: 'v2',
      tenantSegment: tenant.segment,
      tenantId: tenant.tenant?.id ?? null,
      alias: tenant.alias,
      responseTypes: ['code'],
      scope: '',
      resource: null,
      nonce: undefined,
      prompt: undefined,
      loginHint: params.login_hint || undefined,
      domainHint: undefined,
      maxAge: undefined,
      codeChallenge: null,
      codeChallengeMethod: null,
      clientInfo: false,
      instanceAware: false,
      adminConsent: form === 'v2' ? { form, scope } : { form },
    };
    const browser = await browserSession(request, reply, deps);
    return startInteraction(request, reply, deps, browser, authz);
  };
}
