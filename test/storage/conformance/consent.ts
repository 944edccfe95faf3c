/** App role assignments, delegated grants, admin consent. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRAPH_APP_ID, type Directory, type Tenant } from '../../../src/directory/index.js';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const MAIL_READ_DELEGATED = '570282fd-fa5c-430d-a7fd-fc8dc98a9dca';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';
const ORDERS_ROLE = '3c1f6a8e-2d5b-4c7e-9f10-0a1b2c3d4e5f';
const ORDERS_SCOPE = '8d2e4f6a-1b3c-4d5e-8f70-9a0b1c2d3e4f';

async function ordersApi(directory: Directory, tenant: Tenant, signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs') {
  return directory.createApplication(tenant.id, {
    displayName: 'Orders API',
    signInAudience,
    appRoles: [
      { id: ORDERS_ROLE, value: 'Orders.Read.All', displayName: 'Read orders', description: 'Read all orders', allowedMemberTypes: ['Application', 'User'], isEnabled: true },
      { id: '9e9e9e9e-0000-4000-8000-000000000001', value: 'Orders.Disabled', displayName: 'Off', description: 'Disabled role', allowedMemberTypes: ['Application'], isEnabled: false },
    ],
    api: {
      oauth2PermissionScopes: [
        { id: ORDERS_SCOPE, value: 'Orders.Read', type: 'User', adminConsentDisplayName: 'Read orders', adminConsentDescription: 'Read orders', userConsentDisplayName: null, userConsentDescription: null, isEnabled: true },
      ],
    },
  });
}

export function consentCases(suite: Suite): void {
  describe('app role assignments', () => {
    it('are idempotent and feed assignedAppRoleValues (cached, invalidated by writes)', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const api = await ordersApi(directory, tenant, 'AzureADMyOrg');
      const client = await directory.createApplication(tenant.id, { displayName: 'Daemon' });
      const apiSp = await directory.getServicePrincipalByAppId(tenant.id, api.appId);
      const clientSp = await directory.getServicePrincipalByAppId(tenant.id, client.appId);
      assert.ok(apiSp && clientSp);
      assert.deepEqual(await directory.assignedAppRoleValues(tenant.id, clientSp.id, apiSp.id), []);
      const input = { principalId: clientSp.id, principalType: 'ServicePrincipal' as const, resourceId: apiSp.id, appRoleId: ORDERS_ROLE };
      const first = await directory.assignAppRole(tenant.id, input);
      const second = await directory.assignAppRole(tenant.id, input);
      assert.equal(second.id, first.id);
      assert.equal(first.principalDisplayName, 'Daemon');
      assert.equal(first.resourceDisplayName, 'Orders API');
      assert.deepEqual((await directory.listAppRoleAssignments(tenant.id, clientSp.id)).map((a) => a.id), [first.id]);
      assert.deepEqual(await directory.assignedAppRoleValues(tenant.id, clientSp.id, apiSp.id), ['Orders.Read.All']);
      await rejectsWith(directory.assignAppRole(tenant.id, { ...input, appRoleId: '9e9e9e9e-0000-4000-8000-000000000001' }), 'Validation', 'InvalidAppRole');
      await rejectsWith(directory.assignAppRole(tenant.id, { ...input, principalType: 'User' }), 'Validation', 'InvalidPrincipalType');
    });

    it('assign roles to users, and not across tenants', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const other = await freshTenant(directory);
      const api = await ordersApi(directory, tenant, 'AzureADMyOrg');
      const apiSp = await directory.getServicePrincipalByAppId(tenant.id, api.appId);
      const user = await directory.createUser(tenant.id, { userPrincipalName: `u@${initialDomain(tenant)}`, displayName: 'U' });
      const stranger = await directory.createUser(other.id, { userPrincipalName: `s@${initialDomain(other)}`, displayName: 'S' });
      assert.ok(apiSp);
      await directory.assignAppRole(tenant.id, { principalId: user.id, principalType: 'User', resourceId: apiSp.id, appRoleId: ORDERS_ROLE });
      assert.deepEqual(await directory.assignedAppRoleValues(tenant.id, user.id, apiSp.id), ['Orders.Read.All']);
      await rejectsWith(directory.assignAppRole(tenant.id, { principalId: stranger.id, principalType: 'User', resourceId: apiSp.id, appRoleId: ORDERS_ROLE }), 'NotFound', 'PrincipalNotFound');
      await rejectsWith(directory.assignAppRole(other.id, { principalId: stranger.id, principalType: 'User', resourceId: apiSp.id, appRoleId: ORDERS_ROLE }), 'NotFound', 'ResourceNotFound');
      assert.deepEqual(await directory.assignedAppRoleValues(other.id, user.id, apiSp.id), []);
    });
  });

  describe('oauth2PermissionGrants', () => {
    it('merge scopes per (client, resource, consentType, principal)', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const client = await directory.createApplication(tenant.id, { displayName: 'Web' });
      const user = await directory.createUser(tenant.id, { userPrincipalName: `g@${initialDomain(tenant)}`, displayName: 'G' });
      const clientSp = await directory.getServicePrincipalByAppId(tenant.id, client.appId);
      const graphSp = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
      assert.ok(clientSp && graphSp);
      const all = { clientId: clientSp.id, consentType: 'AllPrincipals' as const, principalId: null, resourceId: graphSp.id };
      const a = await directory.grantDelegatedPermissions(tenant.id, { ...all, scope: 'openid User.Read' });
      const b = await directory.grantDelegatedPermissions(tenant.id, { ...all, scope: 'User.Read  Mail.Read' });
      assert.equal(b.id, a.id);
      assert.equal(b.scope, 'openid User.Read Mail.Read');
      const mine = await directory.grantDelegatedPermissions(tenant.id, { ...all, consentType: 'Principal', principalId: user.id, scope: 'Files.Read' });
      assert.notEqual(mine.id, a.id);
      const grants = await directory.listOAuth2PermissionGrants(tenant.id, clientSp.id);
      assert.deepEqual(grants.map((g) => [g.consentType, g.principalId, g.scope]).sort(), [
        ['AllPrincipals', null, 'openid User.Read Mail.Read'],
        ['Principal', user.id, 'Files.Read'],
      ]);
      await rejectsWith(directory.grantDelegatedPermissions(tenant.id, { ...all, consentType: 'Principal', scope: 'x' }), 'Validation', 'InvalidPrincipal');
    });
  });

  describe('admin consent', () => {
    it('provisions the client SP, assigns roles and merges one grant per resource, idempotently', async () => {
      const directory = directoryOf(suite);
      const home = await freshTenant(directory);
      const customer = await freshTenant(directory);
      const api = await ordersApi(directory, home, 'AzureADMultipleOrgs');
      const client = await directory.createApplication(home.id, {
        displayName: 'SaaS client',
        signInAudience: 'AzureADMultipleOrgs',
        requiredResourceAccess: [
          { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ, type: 'Scope' }, { id: MAIL_READ_DELEGATED, type: 'Scope' }, { id: USER_READ_ALL_ROLE, type: 'Role' }] },
          { resourceAppId: api.appId, resourceAccess: [{ id: ORDERS_ROLE, type: 'Role' }, { id: ORDERS_SCOPE, type: 'Scope' }] },
        ],
      });
      assert.equal(await directory.getServicePrincipalByAppId(customer.id, client.appId), undefined);
      await directory.grantAdminConsent(customer.id, client.appId);
      await directory.grantAdminConsent(customer.id, client.appId);

      const clientSp = await directory.getServicePrincipalByAppId(customer.id, client.appId);
      const graphSp = await directory.getServicePrincipalByAppId(customer.id, GRAPH_APP_ID);
      const apiSp = await directory.getServicePrincipalByAppId(customer.id, api.appId);
      assert.ok(clientSp && graphSp && apiSp);
      assert.deepEqual(await directory.assignedAppRoleValues(customer.id, clientSp.id, graphSp.id), ['User.Read.All']);
      assert.deepEqual(await directory.assignedAppRoleValues(customer.id, clientSp.id, apiSp.id), ['Orders.Read.All']);
      assert.equal((await directory.listAppRoleAssignments(customer.id, clientSp.id)).length, 2);
      const grants = await directory.listOAuth2PermissionGrants(customer.id, clientSp.id);
      assert.deepEqual(grants.map((g) => [g.resourceId, g.consentType, g.scope]).sort(), [
        [graphSp.id, 'AllPrincipals', 'User.Read Mail.Read'],
        [apiSp.id, 'AllPrincipals', 'Orders.Read'],
      ].sort());
    });

    it('fails as a whole when a required resource cannot exist in the tenant', async () => {
      const directory = directoryOf(suite);
      const home = await freshTenant(directory);
      const customer = await freshTenant(directory);
      const privateApi = await ordersApi(directory, home, 'AzureADMyOrg');
      const client = await directory.createApplication(home.id, {
        displayName: 'Greedy client',
        signInAudience: 'AzureADMultipleOrgs',
        requiredResourceAccess: [
          { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ_ALL_ROLE, type: 'Role' }] },
          { resourceAppId: privateApi.appId, resourceAccess: [{ id: ORDERS_ROLE, type: 'Role' }] },
        ],
      });
      await rejectsWith(directory.grantAdminConsent(customer.id, client.appId), 'Validation', 'ApplicationNotAvailableInTenant');
      // Nothing half-written: not even the client SP or the Graph role assignment (one transaction).
      assert.equal(await directory.getServicePrincipalByAppId(customer.id, client.appId), undefined);
      const rows = await suite.storage.db.selectFrom('app_role_assignments').select('id').where('tenant_id', '=', customer.id).execute();
      assert.deepEqual(rows, []);
    });
  });
}
