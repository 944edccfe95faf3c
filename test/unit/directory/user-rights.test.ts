/** Who may change which user properties by their own rights (graph.md §4.1 step 6, §2.9 roles). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOBAL_ADMINISTRATOR, isUserAdministrator, mayUpdateUser, USER_ADMINISTRATOR } from '../../../src/directory/user-rights.js';

const member = (id: string, ...directoryRoles: string[]) => ({ id, directoryRoles });
const ada = member('ada');
const ben = member('ben');
const global = member('grace', GLOBAL_ADMINISTRATOR);
const userAdmin = member('uma', USER_ADMINISTRATOR);

describe('user rights', () => {
  it('lets a member change their own basic profile, and nothing of anyone else', () => {
    assert.equal(mayUpdateUser(ada, ada, ['displayName', 'jobTitle', 'businessPhones']), true);
    assert.equal(mayUpdateUser(ada, ada, []), true);
    assert.equal(mayUpdateUser(ada, ben, ['jobTitle']), false);
    assert.equal(mayUpdateUser(ada, ben, []), false);
    for (const adminOnly of ['accountEnabled', 'userPrincipalName', 'userType', 'mail', 'mailNickname']) assert.equal(mayUpdateUser(ada, ada, [adminOnly]), false, adminOnly);
  });

  it('lets a Global Administrator change anyone, a User Administrator anyone but the most privileged', () => {
    assert.equal(mayUpdateUser(global, ben, ['accountEnabled']), true);
    assert.equal(mayUpdateUser(global, member('other-global', GLOBAL_ADMINISTRATOR), ['jobTitle']), true);
    assert.equal(mayUpdateUser(userAdmin, ben, ['accountEnabled', 'jobTitle']), true);
    assert.equal(mayUpdateUser(userAdmin, member('other-uadmin', USER_ADMINISTRATOR), ['jobTitle']), true);
    assert.equal(mayUpdateUser(userAdmin, global, ['jobTitle']), false);
    assert.equal(mayUpdateUser(userAdmin, member('pra', 'e8611ab8-c189-46e8-94e1-60213ab1f814'), ['jobTitle']), false);
    // Another role (Application Administrator) manages no users.
    assert.equal(mayUpdateUser(member('app-admin', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'), ben, ['jobTitle']), false);
    assert.equal(isUserAdministrator(userAdmin), true);
    assert.equal(isUserAdministrator(ada), false);
  });
});
