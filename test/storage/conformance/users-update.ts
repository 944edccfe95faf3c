/** `Directory.updateUser` (Graph PATCH /users, graph.md §2.1): partial updates, UPN rules, tenant isolation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

export function userUpdateCases(suite: Suite): void {
  describe('user updates', () => {
    it('changes only the properties given, clears nulls, and the next read sees it (cache dropped)', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const user = await directory.createUser(tenant.id, { userPrincipalName: `pat@${initialDomain(tenant)}`, displayName: 'Pat', jobTitle: 'Clerk', surname: 'Smith' });
      assert.equal((await directory.getUser(tenant.id, user.id))?.jobTitle, 'Clerk'); // now cached
      const updated = await directory.updateUser(tenant.id, user.id.toUpperCase(), { jobTitle: 'Manager', surname: null, businessPhones: ['+1 555 0100'], accountEnabled: false });
      assert.equal(updated.jobTitle, 'Manager');
      assert.equal(updated.surname, null);
      assert.deepEqual(updated.businessPhones, ['+1 555 0100']);
      assert.equal(updated.accountEnabled, false);
      assert.equal(updated.displayName, 'Pat');
      assert.deepEqual(await directory.getUser(tenant.id, user.id), updated);
      assert.deepEqual(await directory.updateUser(tenant.id, user.id, {}), updated, 'an empty patch changes nothing');
    });

    it('renames the UPN within verified domains, uniquely; another tenant’s user is not found', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const other = await freshTenant(directory);
      const pat = await directory.createUser(tenant.id, { userPrincipalName: `pat@${initialDomain(tenant)}`, displayName: 'Pat' });
      await directory.createUser(tenant.id, { userPrincipalName: `sam@${initialDomain(tenant)}`, displayName: 'Sam' });
      await rejectsWith(directory.updateUser(tenant.id, pat.id, { userPrincipalName: `SAM@${initialDomain(tenant)}` }), 'Conflict', 'UserPrincipalNameConflict');
      await rejectsWith(directory.updateUser(tenant.id, pat.id, { userPrincipalName: `pat@${initialDomain(other)}` }), 'Validation', 'InvalidUserPrincipalNameDomain');
      const renamed = await directory.updateUser(tenant.id, pat.id, { userPrincipalName: `Patricia@${initialDomain(tenant)}` });
      assert.equal(renamed.userPrincipalName, `Patricia@${initialDomain(tenant)}`);
      assert.equal((await directory.getUser(tenant.id, `patricia@${initialDomain(tenant)}`))?.id, pat.id);
      assert.equal(await directory.getUser(tenant.id, `pat@${initialDomain(tenant)}`), undefined);
      await rejectsWith(directory.updateUser(other.id, pat.id, { jobTitle: 'X' }), 'NotFound', 'UserNotFound');
      await rejectsWith(directory.updateUser(other.id, pat.id, {}), 'NotFound', 'UserNotFound');
      await rejectsWith(directory.updateUser(tenant.id, 'not-a-guid', { jobTitle: 'X' }), 'NotFound', 'UserNotFound');
      await rejectsWith(directory.updateUser(tenant.id, pat.id, { displayName: '  ' }), 'Validation', 'InvalidDisplayName');
    });
  });
}
