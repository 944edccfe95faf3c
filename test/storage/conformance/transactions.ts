/** Atomicity: a failed multi-row change leaves nothing behind. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError } from '../../../src/directory/index.js';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

export function transactionCases(suite: Suite): void {
  describe('transactions', () => {
    it('rolls back everything written in Directory.transaction when it fails', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const domain = initialDomain(tenant);
      await rejectsWith(
        directory.transaction(async (d) => {
          await d.createUser(tenant.id, { userPrincipalName: `first@${domain}`, displayName: 'First' });
          await d.createApplication(tenant.id, { displayName: 'Half' });
          await d.createUser(tenant.id, { userPrincipalName: `FIRST@${domain}`, displayName: 'Duplicate' });
        }),
        'Conflict',
        'UserPrincipalNameConflict',
      );
      assert.equal(await directory.getUser(tenant.id, `first@${domain}`), undefined);
      assert.deepEqual(await directory.listApplications(tenant.id), []);
    });

    it('commits together, and a caught failure inside keeps the transaction usable', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const domain = initialDomain(tenant);
      const result = await directory.transaction(async (d) => {
        await d.createUser(tenant.id, { userPrincipalName: `a@${domain}`, displayName: 'A' });
        const duplicate = await d.createUser(tenant.id, { userPrincipalName: `a@${domain}`, displayName: 'A again' }).catch((e: unknown) => e);
        assert.ok(duplicate instanceof ConflictError);
        // Nested transactions reuse the outer one.
        await d.transaction((inner) => inner.createUser(tenant.id, { userPrincipalName: `b@${domain}`, displayName: 'B' }));
        return (await d.listUsers(tenant.id, { top: 10 })).items.length;
      });
      assert.equal(result, 2);
      const users = await directory.listUsers(tenant.id, { top: 10, count: true });
      assert.deepEqual(users.items.map((u) => u.displayName).sort(), ['A', 'B']);
    });

    it('rolls back only the failed call when the caller catches it inside a transaction', async () => {
      const directory = directoryOf(suite);
      const home = await freshTenant(directory);
      const customer = await freshTenant(directory);
      const privateApi = await directory.createApplication(home.id, { displayName: 'Private API' });
      const client = await directory.createApplication(home.id, {
        displayName: 'Client',
        signInAudience: 'AzureADMultipleOrgs',
        requiredResourceAccess: [{ resourceAppId: privateApi.appId, resourceAccess: [] }],
      });
      const { credential } = await directory.addPassword(client.id, {});
      await directory.transaction(async (d) => {
        // Writes the client SP, then fails on the private API: that call alone is undone.
        await rejectsWith(d.grantAdminConsent(customer.id, client.appId), 'Validation', 'ApplicationNotAvailableInTenant');
        // A raw unique violation (no pre-check): PostgreSQL would abort the whole transaction.
        await rejectsWith(d.addPassword(client.id, { keyId: credential.keyId }), 'Conflict', 'KeyIdConflict');
        await d.createUser(customer.id, { userPrincipalName: `after@${initialDomain(customer)}`, displayName: 'After' });
      });
      assert.equal(await directory.getServicePrincipalByAppId(customer.id, client.appId), undefined);
      assert.equal((await directory.getUser(customer.id, `after@${initialDomain(customer)}`))?.displayName, 'After');
      assert.equal((await directory.getApplication(client.id))?.passwordCredentials.length, 1);
    });

    it('does not write a group when one of its members does not exist', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const user = await directory.createUser(tenant.id, { userPrincipalName: `m@${initialDomain(tenant)}`, displayName: 'M' });
      await rejectsWith(
        directory.createGroup(tenant.id, { displayName: 'Partial', members: [user.id, '00000000-0000-0000-0000-00000000beef'] }),
        'NotFound',
        'MemberNotFound',
      );
      assert.equal((await directory.listGroups(tenant.id, { top: 5, count: true })).count, 0);
    });

    it('maps raw constraint violations to typed errors without SQL in the message', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'K' });
      const { credential } = await directory.addPassword(app.id, {});
      const error = await directory.addPassword(app.id, { keyId: credential.keyId }).catch((e: unknown) => e);
      assert.ok(error instanceof ConflictError);
      assert.equal(error.code, 'KeyIdConflict');
      assert.doesNotMatch(error.message, /insert|constraint|sqlite|duplicate key/i);
    });
  });
}
