/** The permission table (graph.md §2, §4.1 step 5): full, limited and no access per token kind. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessLevel, GRAPH_PERMISSIONS, mayUpdateProperty, mayUpdateSomeUser } from '../../../src/graph/permissions.js';

const set = (...p: string[]) => new Set(p);

describe('Graph permission table', () => {
  it('reads users with the user and directory permissions, basic profile with User.ReadBasic.All', () => {
    for (const p of ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']) {
      assert.equal(accessLevel('users.read', 'app', set(p)), 'full', p);
    }
    assert.equal(accessLevel('users.read', 'app', set('User.ReadBasic.All')), 'limited');
    assert.equal(accessLevel('users.read', 'app', set('User.ReadBasic.All', 'User.Read.All')), 'full');
    assert.equal(accessLevel('users.read', 'app', set('Group.Read.All', 'Mail.Read')), 'none');
    assert.equal(accessLevel('users.read', 'app', set()), 'none');
    // Delegated-only permissions never satisfy an app-only token.
    assert.equal(accessLevel('users.read', 'app', set('Directory.AccessAsUser.All')), 'none');
    assert.equal(accessLevel('users.read', 'delegated', set('Directory.AccessAsUser.All')), 'full');
    assert.equal(accessLevel('users.read', 'delegated', set('User.Read')), 'none');
  });

  it('never lets an app-only token read /me', () => {
    assert.deepEqual(GRAPH_PERMISSIONS['me.read'].application, { full: [], limited: [] });
    assert.equal(accessLevel('me.read', 'delegated', set('openid', 'User.Read')), 'full');
  });

  it('follows graph.md §2.3 for organization: delegated User.Read sees a limited organization', () => {
    assert.equal(accessLevel('organization.read', 'app', set('Organization.Read.All')), 'full');
    assert.equal(accessLevel('organization.read', 'app', set('User.Read.All')), 'none');
    assert.equal(accessLevel('organization.read', 'delegated', set('User.Read')), 'limited');
  });

  it('lists groups and members with the group permissions of graph.md §2.2', () => {
    for (const p of ['Group.ReadBasic.All', 'GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']) {
      assert.equal(accessLevel('groups.read', 'app', set(p)), 'full', p);
    }
    for (const p of ['GroupMember.ReadBasic.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All']) {
      assert.equal(accessLevel('groups.members.read', 'app', set(p)), 'full', p);
    }
    assert.equal(accessLevel('groups.members.read', 'app', set('Group.ReadBasic.All')), 'none');
    assert.equal(accessLevel('groups.members.read', 'app', set('User.Read.All')), 'none');
  });

  it('names only permissions of the Graph catalog', async () => {
    const { findGraphAppRoleByValue, findGraphScopeByValue } = await import('../../../src/directory/graph-catalog.js');
    for (const [operation, { application, delegated }] of Object.entries(GRAPH_PERMISSIONS)) {
      for (const p of [...application.full, ...application.limited]) assert.ok(findGraphAppRoleByValue(p), `${operation}: app role ${p}`);
      for (const p of [...delegated.full, ...delegated.limited]) assert.ok(findGraphScopeByValue(p), `${operation}: scope ${p}`);
    }
  });
});

describe('Graph permission table: updating users (graph.md §2.1 Update user)', () => {
  it('application: User.ReadWrite.All and Directory.ReadWrite.All set anything; property-scoped ones only theirs', () => {
    for (const p of ['User.ReadWrite.All', 'Directory.ReadWrite.All']) {
      assert.equal(mayUpdateProperty('app', 'other', 'jobTitle', set(p)), true, p);
      assert.equal(mayUpdateProperty('app', 'other', 'accountEnabled', set(p)), true, p);
    }
    assert.equal(mayUpdateProperty('app', 'other', 'mobilePhone', set('User-Phone.ReadWrite.All')), true);
    assert.equal(mayUpdateProperty('app', 'other', 'jobTitle', set('User-Phone.ReadWrite.All')), false);
    assert.equal(mayUpdateProperty('app', 'other', 'accountEnabled', set('User.EnableDisableAccount.All')), true);
    for (const p of ['User.Read.All', 'User.ReadWrite', 'Directory.AccessAsUser.All', 'Directory.Read.All']) {
      assert.equal(mayUpdateSomeUser('app', 'other', set(p)), false, p);
    }
  });

  it('delegated: User.ReadWrite reaches only oneself; the .All permissions and AccessAsUser others too', () => {
    assert.equal(mayUpdateProperty('delegated', 'self', 'jobTitle', set('User.ReadWrite')), true);
    assert.equal(mayUpdateProperty('delegated', 'other', 'jobTitle', set('User.ReadWrite')), false);
    for (const p of ['User.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All']) {
      assert.equal(mayUpdateProperty('delegated', 'other', 'jobTitle', set(p)), true, p);
    }
    assert.equal(mayUpdateSomeUser('delegated', 'self', set('User.Read', 'User.Read.All')), false);
    assert.equal(mayUpdateSomeUser('delegated', 'self', set('User-Phone.ReadWrite.All')), true);
  });
});
