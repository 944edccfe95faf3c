/** Users, passwords, groups and members; tenant isolation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directoryOf, freshTenant, initialDomain, rejectsWith, type Suite } from './suite.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

export function userAndGroupCases(suite: Suite): void {
  describe('users', () => {
    it('creates a user and finds it by id and by UPN in any case', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const upn = `Adele.Vance@${initialDomain(tenant)}`;
      const user = await directory.createUser(tenant.id, {
        userPrincipalName: upn,
        displayName: 'Adele Vance',
        givenName: 'Adele',
        surname: 'Vance',
        jobTitle: 'Retail Manager',
        businessPhones: ['+1 425 555 0109'],
        preferredLanguage: 'en-US',
        mfa: { required: true, totpSecret: 'JBSWY3DPEHPK3PXP' },
        directoryRoles: [GLOBAL_ADMIN],
      });
      assert.match(user.id, /^[0-9a-f-]{36}$/);
      assert.equal(user.userPrincipalName, upn);
      assert.equal(user.mailNickname, 'Adele.Vance');
      assert.deepEqual(user.businessPhones, ['+1 425 555 0109']);
      assert.equal(user.userType, 'Member');
      assert.equal(user.accountEnabled, true);
      assert.deepEqual(user.mfa, { required: true, registered: true });
      assert.deepEqual(user.directoryRoles, [GLOBAL_ADMIN]);
      assert.deepEqual(await directory.getUser(tenant.id, upn.toUpperCase()), user);
      assert.deepEqual(await directory.getUser(tenant.id, user.id.toUpperCase()), user);
    });

    it('refuses a duplicate UPN, whatever its case (ConflictError)', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      await directory.createUser(tenant.id, { userPrincipalName: `alex@${initialDomain(tenant)}`, displayName: 'Alex' });
      await rejectsWith(
        directory.createUser(tenant.id, { userPrincipalName: `ALEX@${initialDomain(tenant).toUpperCase()}`, displayName: 'Alex 2' }),
        'Conflict',
        'UserPrincipalNameConflict',
      );
      assert.equal((await directory.listUsers(tenant.id, { top: 10, count: true })).count, 1);
    });

    it('refuses a UPN on a domain the tenant does not own', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const other = await freshTenant(directory);
      await rejectsWith(
        directory.createUser(tenant.id, { userPrincipalName: `eve@${initialDomain(other)}`, displayName: 'Eve' }),
        'Validation',
        'InvalidUserPrincipalNameDomain',
      );
      await rejectsWith(directory.createUser(tenant.id, { userPrincipalName: 'no-at-sign', displayName: 'X' }), 'Validation', 'InvalidUserPrincipalName');
    });

    it('stores an scrypt hash and verifies passwords', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const withPassword = await directory.createUser(tenant.id, { userPrincipalName: `pw@${initialDomain(tenant)}`, displayName: 'Pw', password: 'Correct horse 1!' });
      const without = await directory.createUser(tenant.id, { userPrincipalName: `nopw@${initialDomain(tenant)}`, displayName: 'NoPw' });
      const row = await suite.storage.db.selectFrom('users').select('password_hash').where('id', '=', withPassword.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? '', /^\$scrypt\$ln=15,r=8,p=1\$/);
      assert.ok(!(row.password_hash ?? '').includes('Correct horse'));
      assert.equal(await directory.verifyPassword(withPassword.id, 'Correct horse 1!'), true);
      assert.equal(await directory.verifyPassword(withPassword.id, 'correct horse 1!'), false);
      assert.equal(await directory.verifyPassword(without.id, ''), false);
      assert.equal(await directory.verifyPassword('00000000-0000-0000-0000-000000000001', 'x'), false);
    });

    it('seals TOTP secrets with the master key (also inside a transaction) and opens them back', async () => {
      const sealing = directoryOf(suite, { masterKey: 'conformance-master-key' });
      const plain = directoryOf(suite, { masterKey: null });
      const tenant = await freshTenant(sealing);
      const stored = async (id: string) =>
        (await suite.storage.db.selectFrom('users').select('mfa_totp_secret').where('id', '=', id).executeTakeFirstOrThrow()).mfa_totp_secret ?? '';
      const bound = await sealing.transaction((d) => d.createUser(tenant.id, { userPrincipalName: `totp@${initialDomain(tenant)}`, displayName: 'T', mfa: { required: true, totpSecret: 'JBSWY3DPEHPK3PXP' } }));
      assert.match(await stored(bound.id), /^enc:v1:/);
      assert.equal(await sealing.getTotpSecret(bound.id), 'JBSWY3DPEHPK3PXP');
      await assert.rejects(plain.getTotpSecret(bound.id), { code: 'MASTER_KEY_REQUIRED' });
      const early = await plain.createUser(tenant.id, { userPrincipalName: `early@${initialDomain(tenant)}`, displayName: 'E', mfa: { required: true, totpSecret: 'KRUGS4ZANFZSAYJA' } });
      assert.equal(await stored(early.id), 'KRUGS4ZANFZSAYJA');
      assert.ok((await sealing.sealTotpSecrets()) >= 1);
      assert.match(await stored(early.id), /^enc:v1:/);
      assert.equal(await sealing.getTotpSecret(early.id), 'KRUGS4ZANFZSAYJA');
      assert.equal(await sealing.sealTotpSecrets(), 0);
      assert.equal(await sealing.getTotpSecret('00000000-0000-0000-0000-000000000001'), null);
    });

    it('isolates tenants: a user of A is not found via B', async () => {
      const directory = directoryOf(suite);
      const a = await freshTenant(directory);
      const b = await freshTenant(directory);
      const user = await directory.createUser(a.id, { userPrincipalName: `iso@${initialDomain(a)}`, displayName: 'Isolated' });
      assert.equal(await directory.getUser(b.id, user.id), undefined);
      assert.equal(await directory.getUser(b.id, user.userPrincipalName), undefined);
      assert.deepEqual((await directory.listUsers(b.id, { top: 50 })).items, []);
      assert.equal((await directory.listUsers(b.id, { top: 50, count: true, filter: { op: 'eq', property: 'id', value: user.id } })).count, 0);
    });
  });

  describe('groups', () => {
    it('creates groups with members of every type, in member-id order, paged', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const user = await directory.createUser(tenant.id, { userPrincipalName: `m@${initialDomain(tenant)}`, displayName: 'Member' });
      const inner = await directory.createGroup(tenant.id, { displayName: 'Inner' });
      const app = await directory.createApplication(tenant.id, { displayName: 'Member App' });
      const sp = await directory.getServicePrincipalByAppId(tenant.id, app.appId);
      assert.ok(sp);
      const group = await directory.createGroup(tenant.id, { displayName: 'Sales Team', mailEnabled: true, members: [user.id, inner.id] });
      assert.equal(group.mailNickname, 'SalesTeam');
      assert.equal(group.mail, `SalesTeam@${initialDomain(tenant)}`);
      assert.equal(group.securityEnabled, true);
      await directory.addGroupMember(tenant.id, group.id, sp.id);

      const first = await directory.listGroupMembers(tenant.id, group.id, { top: 2, count: true });
      assert.equal(first.count, 3);
      assert.equal(first.items.length, 2);
      assert.ok(first.nextCursor);
      const second = await directory.listGroupMembers(tenant.id, group.id, { top: 2, cursor: first.nextCursor });
      assert.equal(second.nextCursor, null);
      const members = [...first.items, ...second.items];
      assert.deepEqual(members.map((m) => m.id), [user.id, inner.id, sp.id].sort());
      const types = Object.fromEntries(members.map((m) => [m.id, m['@odata.type']]));
      assert.equal(types[user.id], '#microsoft.graph.user');
      assert.equal(types[inner.id], '#microsoft.graph.group');
      assert.equal(types[sp.id], '#microsoft.graph.servicePrincipal');
    });

    it('refuses a duplicate member (Conflict) and a member from another tenant (NotFound)', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const other = await freshTenant(directory);
      const user = await directory.createUser(tenant.id, { userPrincipalName: `d@${initialDomain(tenant)}`, displayName: 'Dup' });
      const stranger = await directory.createUser(other.id, { userPrincipalName: `s@${initialDomain(other)}`, displayName: 'Stranger' });
      const group = await directory.createGroup(tenant.id, { displayName: 'G', members: [user.id] });
      await rejectsWith(directory.addGroupMember(tenant.id, group.id, user.id), 'Conflict', 'AlreadyMember');
      await rejectsWith(directory.addGroupMember(tenant.id, group.id, stranger.id), 'NotFound', 'MemberNotFound');
      await rejectsWith(directory.addGroupMember(other.id, group.id, stranger.id), 'NotFound', 'GroupNotFound');
      await rejectsWith(directory.createGroup(tenant.id, { displayName: 'Bad', members: [stranger.id] }), 'NotFound', 'MemberNotFound');
      assert.equal((await directory.listGroups(tenant.id, { top: 10, count: true })).count, 1);
      assert.equal(await directory.getGroup(other.id, group.id), undefined);
    });
  });
}
