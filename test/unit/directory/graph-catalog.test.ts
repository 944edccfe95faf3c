/** The Microsoft Graph permission catalog (spec/graph.md §3). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findGraphAppRoleByValue,
  findGraphScopeByValue,
  GRAPH_APP_ID,
  graphResource,
  isGraphIdentifier,
} from '../../../src/directory/graph-catalog.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('graph catalog', () => {
  it('has the identity of Microsoft Graph', () => {
    assert.equal(GRAPH_APP_ID, '00000003-0000-0000-c000-000000000000');
    assert.deepEqual(graphResource.identifierUris, ['https://graph.microsoft.com']);
    assert.equal(graphResource.accessTokenVersion, 1);
    assert.equal(graphResource.displayName, 'Microsoft Graph');
  });

  it('publishes every delegated scope and application role of graph.md §3, with unique GUIDs', () => {
    // Both tables of §3: 52 delegated scopes, 45 application roles (counted in the spec).
    assert.equal(graphResource.oauth2PermissionScopes.length, 52);
    assert.equal(graphResource.appRoles.length, 45);
    const ids = [...graphResource.oauth2PermissionScopes, ...graphResource.appRoles].map((p) => p.id);
    for (const id of ids) assert.match(id, GUID);
    assert.equal(new Set(ids).size, ids.length);
    const values = graphResource.oauth2PermissionScopes.map((s) => s.value);
    assert.equal(new Set(values).size, values.length);
    for (const role of graphResource.appRoles) {
      assert.deepEqual(role.allowedMemberTypes, ['Application']);
      assert.equal(role.isEnabled, true);
      assert.ok(role.displayName && role.description);
    }
  });

  it('carries exact ids and consent types', () => {
    const expectScope = (value: string, id: string, type: 'User' | 'Admin') => {
      const scope = findGraphScopeByValue(value);
      assert.equal(scope?.id, id, value);
      assert.equal(scope?.type, type, value);
    };
    expectScope('User.Read', 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', 'User');
    expectScope('User.Read.All', 'a154be20-db9c-4678-8ab7-66f6cc099a59', 'Admin');
    expectScope('openid', '37f7f235-527c-4136-accd-4a02d197296e', 'User');
    expectScope('offline_access', '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', 'User');
    expectScope('Group.ReadBasic.All', 'ba1917bc-a64b-4c71-b66d-229d4a520e66', 'Admin');
    expectScope('People.Read', 'ba47897c-39ec-4d83-8086-ee8256fa737d', 'User');
    assert.equal(findGraphAppRoleByValue('User.Read.All')?.id, 'df021288-bdef-4463-88db-98f22de89214');
    assert.equal(findGraphAppRoleByValue('Application.ReadWrite.OwnedBy')?.id, '18a4783c-866b-4cc7-a460-3d5e5662c884');
    assert.equal(findGraphAppRoleByValue('Group.Create')?.id, 'bf7b1a76-6e77-406b-b258-bf5c7720e98f');
    assert.equal(findGraphAppRoleByValue('User.Read'), undefined, 'User.Read has no application permission');
    assert.equal(findGraphScopeByValue('Group.Create'), undefined, 'Group.Create has no delegated permission');
  });

  it('matches permission values case-insensitively and identifiers with one optional slash', () => {
    assert.equal(findGraphScopeByValue('user.read')?.value, 'User.Read');
    assert.equal(findGraphScopeByValue('User.Reed'), undefined);
    assert.equal(isGraphIdentifier('https://graph.microsoft.com'), true);
    assert.equal(isGraphIdentifier('https://graph.microsoft.com/'), true);
    assert.equal(isGraphIdentifier('00000003-0000-0000-C000-000000000000'), true);
    assert.equal(isGraphIdentifier('https://graph.microsoft.com//'), false);
    assert.equal(isGraphIdentifier('https://graph.microsoft.com.evil.example'), false);
  });

  it('is frozen', () => {
    assert.throws(() => (graphResource.appRoles as unknown[]).push({}), TypeError);
  });
});
