/** Who may consent to what (protocol.md §14.3): the pure decision behind the approval-required page. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalRequired, isLowRiskScope, type ConsentAsk, type ConsentDecisionInput } from '../../../src/directory/consent-policy.js';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const API = '7e000000-0000-4000-8000-0000000000e1';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const ask = (value: string, type: 'User' | 'Admin' = 'User', resourceAppId = GRAPH): ConsentAsk => ({ resourceAppId, value, type });
const decide = (input: Partial<ConsentDecisionInput>): boolean => approvalRequired({ policy: 'allowed', tenantKind: 'organization', directoryRoles: [], asks: [], ...input });

describe('approvalRequired', () => {
  const cases: Array<[string, Partial<ConsentDecisionInput>, boolean]> = [
    ['allowed: User scopes are user-consentable', { asks: [ask('openid'), ask('Mail.Send')] }, false],
    ['allowed: an Admin scope needs an admin', { asks: [ask('openid'), ask('User.Read.All', 'Admin')] }, true],
    ['an administrator may grant Admin scopes', { asks: [ask('User.Read.All', 'Admin')], directoryRoles: [GLOBAL_ADMIN] }, false],
    ['personal accounts consent to Admin scopes for their own data', { asks: [ask('User.Read.All', 'Admin')], tenantKind: 'consumers' }, false],
    ['notAllowed: even openid needs an admin', { policy: 'notAllowed', asks: [ask('openid')] }, true],
    ['notAllowed: nothing asked, nothing needed', { policy: 'notAllowed', asks: [] }, false],
    ['notAllowed: an administrator still consents', { policy: 'notAllowed', asks: [ask('Mail.Send')], directoryRoles: [GLOBAL_ADMIN.toUpperCase()] }, false],
    ['lowRisk: openid profile email offline_access User.Read', { policy: 'lowRisk', asks: ['openid', 'profile', 'email', 'offline_access', 'user.read'].map((v) => ask(v)) }, false],
    ['lowRisk: Mail.Send is not low-risk', { policy: 'lowRisk', asks: [ask('User.Read'), ask('Mail.Send')] }, true],
    ['lowRisk: a custom API scope is not low-risk', { policy: 'lowRisk', asks: [ask('access_as_user', 'User', API)] }, true],
    ['prompt=admin_consent: a non-admin may not answer', { adminConsentRequested: true, asks: [ask('openid')] }, true],
    ['prompt=admin_consent: an administrator may', { adminConsentRequested: true, asks: [ask('openid')], directoryRoles: [GLOBAL_ADMIN] }, false],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(decide(input), expected));

  it('low-risk values are Microsoft Graph\'s only, case-insensitive', () => {
    assert.equal(isLowRiskScope(GRAPH, 'USER.READ'), true);
    assert.equal(isLowRiskScope(API, 'User.Read'), false);
    assert.equal(isLowRiskScope(GRAPH, 'User.Read.All'), false);
  });
});
