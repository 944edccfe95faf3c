/** Keyset paging, counts and $filter translation: identical results on every dialect. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Directory, FilterExpr, Tenant, User } from '../../../src/directory/index.js';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

async function allPages(directory: Directory, tenantId: string, top: number, filter?: FilterExpr): Promise<{ users: User[]; pages: number; count: number | undefined }> {
  const users: User[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let count: number | undefined;
  do {
    const page = await directory.listUsers(tenantId, { top, cursor, filter: filter ?? null, count: pages === 0 });
    if (pages === 0) count = page.count;
    assert.ok(page.items.length <= top);
    users.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 100);
  return { users, pages, count };
}

export function listingCases(suite: Suite): void {
  describe('paging', () => {
    let directory: Directory;
    let tenant: Tenant;
    let created: User[];

    before(async () => {
      directory = directoryOf(suite);
      tenant = await freshTenant(directory);
      created = [];
      for (let i = 0; i < 25; i++) {
        created.push(await directory.createUser(tenant.id, { userPrincipalName: `user${String(i).padStart(2, '0')}@${initialDomain(tenant)}`, displayName: `User ${i}` }));
      }
    });

    for (const top of [1, 7, 10, 25, 100]) {
      it(`walks 25 users in pages of ${top} with no duplicates or gaps`, async () => {
        const { users, pages, count } = await allPages(directory, tenant.id, top);
        assert.equal(count, 25);
        assert.equal(pages, Math.max(1, Math.ceil(25 / top)));
        const ids = users.map((u) => u.id);
        assert.equal(new Set(ids).size, 25);
        assert.deepEqual(ids, created.map((u) => u.id).sort());
      });
    }

    it('rejects a forged cursor with a ValidationError', async () => {
      await rejectsWith(directory.listUsers(tenant.id, { top: 5, cursor: 'not a cursor!' }), 'Validation', 'InvalidCursor');
      await rejectsWith(directory.listUsers(tenant.id, { top: 5, cursor: Buffer.from('{"x":1}').toString('base64url') }), 'Validation', 'InvalidCursor');
      // A NUL is no key; PostgreSQL would refuse it as a parameter (a storage failure, a 500).
      await rejectsWith(directory.listUsers(tenant.id, { top: 5, cursor: Buffer.from('{"k":"a\\u0000b"}').toString('base64url') }), 'Validation', 'InvalidCursor');
      await rejectsWith(directory.listGroups(tenant.id, { top: 5, cursor: Buffer.from('{"k":"\\u0000"}').toString('base64url') }), 'Validation', 'InvalidCursor');
    });

    it('answers lookups by a key no object can have (NUL) with undefined, not a storage failure', async () => {
      assert.equal(await directory.getUser(tenant.id, `a\u0000b@${initialDomain(tenant)}`), undefined);
      assert.equal(await directory.findTenantByDomain(`${initialDomain(tenant)}\u0000`), undefined);
      assert.equal(await directory.findTenantByDomain('not a domain'), undefined);
      assert.equal((await directory.findTenantByDomain(initialDomain(tenant).toUpperCase()))?.id, tenant.id);
    });

    it('pages a filtered set and counts the filtered set', async () => {
      const filter: FilterExpr = { op: 'startswith', property: 'displayName', value: 'user 1' };
      const { users, count } = await allPages(directory, tenant.id, 4, filter);
      // "User 1" and "User 10" … "User 19".
      assert.equal(count, 11);
      assert.deepEqual(users.map((u) => u.displayName).sort(), ['User 1', ...Array.from({ length: 10 }, (_, i) => `User 1${i}`)].sort());
    });
  });

  describe('filters', () => {
    let directory: Directory;
    let tenant: Tenant;
    const names = ['Adele Vance', 'adam Smith', '100% Done', '1000 Days', 'under_score', 'underXscore', 'back\\slash', 'backXslash', 'Émile Zola', 'Zoë'];

    before(async () => {
      directory = directoryOf(suite);
      tenant = await freshTenant(directory);
      for (const [i, displayName] of names.entries()) {
        await directory.createUser(tenant.id, {
          userPrincipalName: `f${i}@${initialDomain(tenant)}`,
          displayName,
          mail: i === 0 ? `Adele.Vance@${initialDomain(tenant)}` : null,
          jobTitle: i % 2 === 0 ? 'Engineer' : null,
          accountEnabled: i !== 1,
        });
      }
      await directory.createGroup(tenant.id, { displayName: 'Security Team', securityEnabled: true, mailEnabled: false, description: 'Sec_ops 50%' });
      await directory.createGroup(tenant.id, { displayName: 'Mail List', securityEnabled: false, mailEnabled: true, mailNickname: 'mail-list' });
    });

    const cases: Array<[string, FilterExpr, string[]]> = [
      ['startswith is a case-insensitive prefix', { op: 'startswith', property: 'displayName', value: 'AD' }, ['Adele Vance', 'adam Smith']],
      ['% in startswith is literal', { op: 'startswith', property: 'displayName', value: '100%' }, ['100% Done']],
      ['_ in startswith is literal', { op: 'startswith', property: 'displayName', value: 'under_' }, ['under_score']],
      ['\\ in startswith is literal', { op: 'startswith', property: 'displayName', value: 'back\\' }, ['back\\slash']],
      ['startswith folds non-ASCII case', { op: 'startswith', property: 'displayName', value: 'émi' }, ['Émile Zola']],
      ['eq on strings ignores case', { op: 'eq', property: 'displayName', value: 'ADELE VANCE' }, ['Adele Vance']],
      ['eq is not a prefix match', { op: 'eq', property: 'displayName', value: 'Adele' }, []],
      ['eq null matches missing values', { op: 'eq', property: 'mail', value: null }, names.filter((n) => n !== 'Adele Vance')],
      ['eq on mail ignores case', { op: 'eq', property: 'mail', value: 'adele.vance@' }, []],
      ['eq on Boolean', { op: 'eq', property: 'accountEnabled', value: false }, ['adam Smith']],
      ['in is a set of eq', { op: 'in', property: 'displayName', values: ['zoë', '1000 days', 'nobody'] }, ['1000 Days', 'Zoë']],
      ['empty in matches nothing', { op: 'in', property: 'displayName', values: [] }, []],
      ['and', { op: 'and', left: { op: 'eq', property: 'jobTitle', value: 'engineer' }, right: { op: 'startswith', property: 'displayName', value: 'a' } }, ['Adele Vance']],
      ['or', { op: 'or', left: { op: 'eq', property: 'displayName', value: 'zoë' }, right: { op: 'startswith', property: 'displayName', value: 'back' } }, ['Zoë', 'back\\slash', 'backXslash']],
      ['userPrincipalName startswith ignores case', { op: 'startswith', property: 'userPrincipalName', value: 'F1' }, ['adam Smith']],
      ['userType eq ignores case', { op: 'eq', property: 'userType', value: 'member' }, names],
    ];

    for (const [title, filter, expected] of cases) {
      it(title, async () => {
        const page = await directory.listUsers(tenant.id, { top: 100, filter, count: true });
        assert.deepEqual(page.items.map((u) => u.displayName).sort(), [...expected].sort());
        assert.equal(page.count, expected.length);
      });
    }

    it('filters groups by Boolean and string properties, with literal wildcards', async () => {
      const list = async (filter: FilterExpr) => (await directory.listGroups(tenant.id, { top: 10, filter })).items.map((g) => g.displayName);
      assert.deepEqual(await list({ op: 'eq', property: 'securityEnabled', value: true }), ['Security Team']);
      assert.deepEqual(await list({ op: 'eq', property: 'mailEnabled', value: true }), ['Mail List']);
      assert.deepEqual(await list({ op: 'startswith', property: 'description', value: 'sec_ops 50%' }), ['Security Team']);
      assert.deepEqual(await list({ op: 'eq', property: 'mailNickname', value: 'MAIL-LIST' }), ['Mail List']);
    });

    it('never lets an unknown property reach SQL', async () => {
      for (const property of ['passwordHash', 'password_hash', '__proto__', 'constructor', 'id; drop table users']) {
        await rejectsWith(directory.listUsers(tenant.id, { top: 5, filter: { op: 'eq', property, value: 'x' } }), 'Validation', 'UnsupportedFilter');
      }
      await rejectsWith(directory.listUsers(tenant.id, { top: 5, filter: { op: 'eq', property: 'accountEnabled', value: 'true' } }), 'Validation', 'UnsupportedFilter');
      await rejectsWith(directory.listGroups(tenant.id, { top: 5, filter: { op: 'eq', property: 'userPrincipalName', value: 'x' } }), 'Validation', 'UnsupportedFilter');
    });
  });
}
