/**
 * `appRoleAssignments` of an application in environment files (issue 9 items 7, 8): users and
 * groups assigned to its home-tenant service principal, idempotently (counted in rows), and
 * refused with field paths — changing nothing — when a role or principal does not resolve.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Directory } from '../../src/directory/directory.js';
import { createDirectory } from '../../src/directory/index.js';
import { applyEnvironment } from '../../src/environment/apply.js';
import { EnvironmentError, formatIssue } from '../../src/environment/errors.js';
import type { EnvironmentInput } from '../../src/environment/schema.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { rowCounts } from '../helpers/env-counts.js';

const TENANT = '7c000000-0000-4000-8000-00000000000c';
const APP = '7c000000-0000-4000-8000-0000000000c1';
const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

function env(assignments: Array<{ principal: string; role?: string }>): EnvironmentInput {
  return {
    tenants: [{
      id: TENANT,
      displayName: 'Env Assign',
      domain: 'envassign',
      users: [{ userPrincipalName: 'alice' }, { userPrincipalName: 'bob' }],
      groups: [{ displayName: 'Approvers', members: ['bob'] }],
      applications: [{
        appId: APP,
        displayName: 'Orders',
        appRoles: [{ value: 'Orders.Approver', allowedMemberTypes: ['User'] }, { value: 'Orders.Daemon' }],
        servicePrincipal: { appRoleAssignmentRequired: true },
        appRoleAssignments: assignments,
      }],
    }],
  };
}

describe('environment: appRoleAssignments', () => {
  let storage: Storage;
  let directory: Directory;
  before(async () => {
    storage = await openStorage(':memory:');
    directory = createDirectory(storage);
  });
  after(() => storage.close());

  it('assigns users and groups once; applying again creates no row', async () => {
    const input = env([{ principal: 'alice', role: 'Orders.Approver' }, { principal: 'Approvers', role: 'orders.approver' }, { principal: 'bob' }]);
    const first = await applyEnvironment(directory, input);
    assert.equal(first.created.assignments, 3);
    const sp = await directory.getServicePrincipalByAppId(TENANT, APP);
    assert.ok(sp?.appRoleAssignmentRequired);
    const alice = await directory.getUser(TENANT, 'alice@envassign.onmicrosoft.com');
    const bob = await directory.getUser(TENANT, 'bob@envassign.onmicrosoft.com');
    assert.ok(alice && bob);
    const roleId = sp.appRoles.find((r) => r.value === 'Orders.Approver')?.id;
    const [aliceRows, bobRows] = [await directory.listAppRoleAssignments(TENANT, alice.id), await directory.listAppRoleAssignments(TENANT, bob.id)];
    assert.deepEqual(aliceRows.map((r) => [r.principalType, r.resourceId, r.appRoleId]), [['User', sp.id, roleId]]);
    assert.deepEqual(bobRows.map((r) => r.appRoleId), [DEFAULT_ACCESS]);
    // Bob holds the role through the group, and is assigned.
    assert.deepEqual(await directory.userAppAccess(TENANT, bob.id, sp.id), { assigned: true, roles: ['Orders.Approver'], assignedGroupIds: [first.groups[0]?.id] });

    const counts = await rowCounts(storage.db);
    const second = await applyEnvironment(directory, input);
    assert.equal(second.created.assignments, 0);
    assert.deepEqual(await rowCounts(storage.db), counts);
  });

  it('an unknown role, a role not assignable to users, an unknown principal or an app: refused with paths, nothing written', async () => {
    const counts = await rowCounts(storage.db);
    const error = await applyEnvironment(directory, env([
      { principal: 'alice', role: 'Orders.Nope' },
      { principal: 'alice', role: 'Orders.Daemon' },
      { principal: 'nobody@envassign.onmicrosoft.com' },
      { principal: 'Orders' },
    ])).then(() => assert.fail('expected a refusal'), (e: unknown) => e);
    assert.ok(error instanceof EnvironmentError, String(error));
    assert.deepEqual(error.issues.map(formatIssue), [
      "tenants[0].applications[0].appRoleAssignments[0].role: 'Orders' has no app role 'Orders.Nope'",
      "tenants[0].applications[0].appRoleAssignments[1].role: app role 'Orders.Daemon' is not assignable to users and groups (allowedMemberTypes lacks 'User')",
      "tenants[0].applications[0].appRoleAssignments[2].principal: no user or group 'nobody@envassign.onmicrosoft.com' in this tenant",
      "tenants[0].applications[0].appRoleAssignments[3].principal: no user or group 'Orders' in this tenant",
    ]);
    assert.deepEqual(await rowCounts(storage.db), counts);
  });
});
