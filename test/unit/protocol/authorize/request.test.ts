import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Application } from '../../../../src/directory/types.js';
import type { OAuthError } from '../../../../src/protocol/errors.js';
import { trustTarget, validateRequest, type AuthorizeParams } from '../../../../src/protocol/authorize/request.js';
import type { TenantContext } from '../../../../src/protocol/tenant-context.js';

const TENANT = '7a000000-0000-4000-8000-00000000000a';
const tenant: TenantContext = { segment: TENANT, alias: null, tenant: { id: TENANT, displayName: 'Contoso', kind: 'organization', countryLetterCode: null, createdDateTime: '', domains: [] } };
const common: TenantContext = { segment: 'common', alias: 'common', tenant: null };
const app = (over: Partial<Application> = {}): Application => ({
  id: 'o', appId: 'client', tenantId: TENANT, displayName: 'App', signInAudience: 'AzureADMyOrg', identifierUris: [],
  web: { redirectUris: ['https://app.example/cb'], homePageUrl: null, logoutUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false } },
  spa: { redirectUris: ['https://spa.example/'] }, publicClient: { redirectUris: [] }, isFallbackPublicClient: false,
  api: {} as Application['api'], appRoles: [], requiredResourceAccess: [], optionalClaims: null, groupMembershipClaims: null, createdDateTime: '',
  passwordCredentials: [], keyCredentials: [], federatedIdentityCredentials: [], ...over,
});
const base: AuthorizeParams = { client_id: 'client', response_type: 'code', redirect_uri: 'https://app.example/cb', scope: 'openid User.Read', state: 'x' };

function outcome(params: AuthorizeParams, given: Application | null = app(), ctx = tenant): { phase: 1 | 2; code: number; redirect: boolean } | 'ok' {
  const application = given ?? undefined;
  try {
    const target = trustTarget(params, application, ctx);
    try {
      validateRequest(params, target, application as Application, ctx, 'v2');
      return 'ok';
    } catch (error) {
      return { phase: 2, code: (error as OAuthError).aadsts, redirect: (error as OAuthError).allowRedirect };
    }
  } catch (error) {
    return { phase: 1, code: (error as OAuthError).aadsts, redirect: (error as OAuthError).allowRedirect };
  }
}

describe('/authorize request validation (protocol.md §3.1–3.3)', () => {
  it('phase 1 errors are page errors', () => {
    assert.deepEqual(outcome(base, null), { phase: 1, code: 700016, redirect: false });
    assert.deepEqual(outcome({ ...base, redirect_uri: 'https://app.example/cb2' }), { phase: 1, code: 50011, redirect: false });
    assert.deepEqual(outcome({ ...base, redirect_uri: undefined as unknown as string }, app({ web: { ...app().web, redirectUris: [] }, spa: { redirectUris: [] } })), { phase: 1, code: 900971, redirect: false });
    assert.deepEqual(outcome(base, app({ tenantId: 'other' })), { phase: 1, code: 700016, redirect: false });
  });

  it('phase 2 errors are redirected', () => {
    assert.equal(outcome(base), 'ok');
    assert.deepEqual(outcome({ ...base, resource: 'x' }), { phase: 2, code: 901002, redirect: true });
    assert.deepEqual(outcome({ ...base, response_mode: 'web_message' }), { phase: 2, code: 70007, redirect: true });
    assert.deepEqual(outcome({ ...base, response_type: 'code id_token', response_mode: 'query', nonce: 'n' }), { phase: 2, code: 70007, redirect: true });
    assert.deepEqual(outcome({ ...base, response_type: 'id_token', nonce: 'n' }), { phase: 2, code: 700054, redirect: true });
    assert.deepEqual(outcome({ ...base, response_type: 'token' }), { phase: 2, code: 70005, redirect: true });
    assert.deepEqual(outcome({ ...base, response_type: 'bogus' }), { phase: 2, code: 70005, redirect: true });
    assert.deepEqual(outcome({ ...base, scope: 'a,b' }), { phase: 2, code: 70011, redirect: true });
    assert.deepEqual(outcome(base, app(), common), { phase: 2, code: 50194, redirect: true });
  });

  it('PKCE: S256, plain by default, malformed, required for SPA', () => {
    assert.equal(outcome({ ...base, code_challenge: 'a'.repeat(43) }), 'ok');
    assert.deepEqual(outcome({ ...base, code_challenge: 'short' }), { phase: 2, code: 501491, redirect: true });
    assert.deepEqual(outcome({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'S512' }), { phase: 2, code: 501491, redirect: true });
    assert.deepEqual(outcome({ ...base, redirect_uri: 'https://spa.example/' }), { phase: 2, code: 9002324, redirect: true });
    const target = trustTarget({ ...base, code_challenge: 'a'.repeat(43) }, app(), tenant);
    assert.equal(validateRequest({ ...base, code_challenge: 'a'.repeat(43) }, target, app(), tenant, 'v2').codeChallengeMethod, 'plain');
  });

  it('default response modes', () => {
    assert.equal(trustTarget(base, app(), tenant).responseMode, 'query');
    assert.equal(trustTarget({ ...base, response_type: 'code id_token' }, app(), tenant).responseMode, 'fragment');
    assert.equal(trustTarget({ ...base, response_mode: 'form_post' }, app(), tenant).responseMode, 'form_post');
  });
});
