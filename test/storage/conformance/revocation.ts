/** Taking consent back: revokeDelegatedPermissions and removeAppRoleAssignment (protocol.md §14.2). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRAPH_APP_ID } from '../../../src/directory/index.js';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';
const MAIL_READ_ROLE = '810c84a8-4a9e-49e6-bf7d-12d183f40d01';

export function revocationCases(suite: Suite): void {
  describe('revocation', () => {
    it('removes scopes from one grant (case-insensitively), deletes a grant left empty, leaves the others', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const client = await directory.createApplication(tenant.id, { displayName: 'Web' });
      const user = await directory.createUser(tenant.id, { userPrincipalName: `r@${initialDomain(tenant)}`, displayName: 'R' });
      const clientSp = await directory.getServicePrincipalByAppId(tenant.id, client.appId);
      const graphSp = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
      assert.ok(clientSp && graphSp);
      const key = { clientId: clientSp.id, resourceId: graphSp.id };
      await directory.grantDelegatedPermissions(tenant.id, { ...key, consentType: 'Principal', principalId: user.id, scope: 'openid User.Read Mail.Read' });
      await directory.grantDelegatedPermissions(tenant.id, { ...key, consentType: 'AllPrincipals', principalId: null, scope: 'Mail.Read' });

      const partial = await directory.revokeDelegatedPermissions(tenant.id, { ...key, principalId: user.id.toUpperCase(), scopes: ['mail.read', 'Files.Read'] });
      assert.deepEqual(partial.removed, ['Mail.Read']);
      assert.equal(partial.grant?.scope, 'openid User.Read');
      const scopes = async () => (await directory.listOAuth2PermissionGrants(tenant.id, clientSp.id)).map((g) => `${g.consentType}:${g.scope}`).sort();
      assert.deepEqual(await scopes(), ['AllPrincipals:Mail.Read', 'Principal:openid User.Read']);

      // The AllPrincipals grant is its own: principalId null.
      assert.deepEqual(await directory.revokeDelegatedPermissions(tenant.id, { ...key, principalId: null, scopes: ['Mail.Read'] }), { removed: ['Mail.Read'], grant: null });
      assert.deepEqual(await scopes(), ['Principal:openid User.Read']);
      // No scopes named: the whole grant; then nothing is left to revoke.
      assert.deepEqual(await directory.revokeDelegatedPermissions(tenant.id, { ...key, principalId: user.id }), { removed: ['openid', 'User.Read'], grant: null });
      assert.deepEqual(await scopes(), []);
      assert.deepEqual(await directory.revokeDelegatedPermissions(tenant.id, { ...key, principalId: user.id }), { removed: [], grant: null });
      await rejectsWith(directory.revokeDelegatedPermissions(tenant.id, { ...key, clientId: 'not-a-guid', principalId: null }), 'NotFound', 'ClientNotFound');
    });

    it('removes one app role assignment; the cached role values follow at once in this process', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const daemon = await directory.createApplication(tenant.id, { displayName: 'Daemon' });
      const daemonSp = await directory.getServicePrincipalByAppId(tenant.id, daemon.appId);
      const graphSp = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
      assert.ok(daemonSp && graphSp);
      for (const appRoleId of [USER_READ_ALL_ROLE, MAIL_READ_ROLE]) await directory.assignAppRole(tenant.id, { principalId: daemonSp.id, principalType: 'ServicePrincipal', resourceId: graphSp.id, appRoleId });
      assert.deepEqual([...(await directory.assignedAppRoleValues(tenant.id, daemonSp.id, graphSp.id))].sort(), ['Mail.Read', 'User.Read.All']);
      const key = { principalId: daemonSp.id, resourceId: graphSp.id, appRoleId: MAIL_READ_ROLE.toUpperCase() };
      assert.equal(await directory.removeAppRoleAssignment(tenant.id, key), true);
      assert.deepEqual(await directory.assignedAppRoleValues(tenant.id, daemonSp.id, graphSp.id), ['User.Read.All']);
      assert.equal(await directory.removeAppRoleAssignment(tenant.id, key), false);
      assert.deepEqual((await directory.listAppRoleAssignments(tenant.id, daemonSp.id)).map((a) => a.appRoleId), [USER_READ_ALL_ROLE]);
    });

    it('inside a transaction, a failure rolls the revocation back', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const client = await directory.createApplication(tenant.id, { displayName: 'Web' });
      const clientSp = await directory.getServicePrincipalByAppId(tenant.id, client.appId);
      const graphSp = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
      assert.ok(clientSp && graphSp);
      const key = { clientId: clientSp.id, resourceId: graphSp.id, principalId: null };
      await directory.grantDelegatedPermissions(tenant.id, { ...key, consentType: 'AllPrincipals', scope: 'User.Read' });
      await assert.rejects(directory.transaction(async (d) => {
        await d.revokeDelegatedPermissions(tenant.id, key);
        throw new Error('stop');
      }), /stop/);
      assert.deepEqual((await directory.listOAuth2PermissionGrants(tenant.id, clientSp.id)).map((g) => g.scope), ['User.Read']);
    });
  });
}
