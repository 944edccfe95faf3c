/** Who may approve an admin consent (protocol.md §6, §14.1; Entra's role rules in admin-consent/plan.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRAPH_APP_ID } from '../../../../src/directory/graph-catalog.js';
import { mayApprove, type PlannedResource } from '../../../../src/protocol/admin-consent/plan.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_ROLE_ADMIN = 'E8611AB8-C189-46E8-94E1-60213AB1F814';
const CLOUD_APP_ADMIN = '158c047a-c907-4556-b7ef-446551a6b5f7';
const APP_ADMIN = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

const role = { id: 'r', value: 'User.Read.All', displayName: '', description: '', allowedMemberTypes: ['Application' as const], isEnabled: true };
const scope = { id: 's', value: 'User.Read', type: 'User' as const, adminConsentDisplayName: '', adminConsentDescription: '', userConsentDisplayName: null, userConsentDescription: null, isEnabled: true };
const resource = (appId: string, kind: 'roles' | 'scopes'): PlannedResource => ({ appId, displayName: appId, scopes: kind === 'scopes' ? [scope] : [], roles: kind === 'roles' ? [role] : [], oidc: [] });

describe('mayApprove', () => {
  const graphRoles = [resource(GRAPH_APP_ID, 'roles')];
  const graphScopes = [resource(GRAPH_APP_ID, 'scopes')];
  const apiRoles = [resource('11111111-1111-4111-8111-111111111111', 'roles')];

  it('Global and Privileged Role Administrators: anything (role ids compared case-insensitively)', () => {
    for (const roles of [[GLOBAL_ADMIN], [PRIVILEGED_ROLE_ADMIN]]) {
      for (const plan of [graphRoles, graphScopes, apiRoles, []]) assert.equal(mayApprove(roles, plan), true);
    }
  });

  it("Application and Cloud Application Administrators: all but Microsoft Graph's app roles", () => {
    for (const roles of [[APP_ADMIN], [CLOUD_APP_ADMIN]]) {
      assert.equal(mayApprove(roles, graphScopes), true);
      assert.equal(mayApprove(roles, apiRoles), true);
      assert.equal(mayApprove(roles, graphRoles), false);
      assert.equal(mayApprove(roles, [...graphScopes, ...graphRoles]), false);
    }
  });

  it('anyone else: nothing, not even an empty request', () => {
    for (const roles of [[], [USER_ADMIN]]) {
      for (const plan of [graphRoles, graphScopes, apiRoles, []]) assert.equal(mayApprove(roles, plan), false);
    }
  });
});
