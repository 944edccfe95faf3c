/** tokens.md §4.1 `groups` / `hasgroups` / overage, per `groupMembershipClaims` (pure). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupClaims } from '../../../src/tokens/claims/groups.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const groups = (n: number, securityEnabled = true) => Array.from({ length: n }, (_, i) => ({ id: id(i), securityEnabled }));
const claims = (setting: string | null, list: ReturnType<typeof groups>, frontChannel = false, assignedGroupIds: string[] = []) =>
  groupClaims({ setting, groups: list, assignedGroupIds, tenantId: TENANT, userId: USER, frontChannel });

describe('groupClaims', () => {
  it('None, DirectoryRole, null and an unknown value: nothing', () => {
    for (const setting of ['None', 'DirectoryRole', null, 'Bogus']) assert.deepEqual(claims(setting, groups(3)), {});
  });

  it('SecurityGroup keeps security groups; All keeps every group; ApplicationGroup the assigned ones', () => {
    const list = [...groups(2), { id: id(9), securityEnabled: false }];
    assert.deepEqual(claims('SecurityGroup', list), { groups: [id(0), id(1)] });
    assert.deepEqual(claims('All', list), { groups: [id(0), id(1), id(9)] });
    assert.deepEqual(claims('ApplicationGroup', list, false, [id(9)]), { groups: [id(9)] });
    assert.deepEqual(claims('SecurityGroup', [{ id: id(9), securityEnabled: false }]), {});
  });

  it('200 groups fit a JWT; 201 → _claim_names/_claim_sources and no groups', () => {
    assert.equal((claims('All', groups(200)).groups as string[]).length, 200);
    assert.deepEqual(claims('All', groups(201)), {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: `https://graph.windows.net/${TENANT}/users/${USER}/getMemberObjects` } },
    });
  });

  it('tokens from /authorize: 5 groups fit; 6 → hasgroups: true', () => {
    assert.equal((claims('All', groups(5), true).groups as string[]).length, 5);
    assert.deepEqual(claims('All', groups(6), true), { hasgroups: true });
    assert.deepEqual(claims('All', groups(201), true), { hasgroups: true });
  });
});
