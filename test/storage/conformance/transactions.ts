/**
 * Atomicity: a failed multi-row change leaves nothing behind. And the storage API under it
 * (`Storage.transaction`, `Storage.savepoint`): commit, rollback, savepoints that keep a
 * transaction usable, and writers that collide are retried until both commit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError } from '../../../src/directory/index.js';
import type { Storage } from '../../../src/storage/index.js';
import { createSettingsQueries } from '../../../src/storage/queries/settings.js';
import { directoryOf, freshTenant, initialDomain, label, needsSharedDatabase, rejectsWith, type Suite } from './suite.js';

const get = (storage: Storage, name: string) => createSettingsQueries(storage.db).get(name);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Read-modify-write of a counter row (a lost update or a doubled retry would show). */
async function increment(trx: Storage['db'], name: string): Promise<void> {
  const q = createSettingsQueries(trx);
  await q.set(name, String(Number((await q.get(name)) ?? '0') + 1));
}

export function transactionCases(suite: Suite): void {
  describe('storage transactions', () => {
    it('commits what fn wrote and returns its result; rolls back everything when fn throws', async () => {
      const storage = suite.storage;
      const kept = label('kept');
      const undone = label('undone');
      assert.equal(await storage.transaction(async (trx) => (await createSettingsQueries(trx).set(kept, 'v'), 42)), 42);
      const failure = new Error('fn failed');
      await assert.rejects(
        storage.transaction(async (trx) => {
          await createSettingsQueries(trx).set(undone, 'v');
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.equal(await get(storage, kept), 'v');
      assert.equal(await get(storage, undone), undefined);
    });

    it('undoes only a failed savepoint, and the transaction stays usable after a failed statement', async () => {
      const storage = suite.storage;
      const [first, inside, after] = [label('first'), label('inside'), label('after')];
      await storage.transaction(async (trx) => {
        await trx.insertInto('settings').values({ name: first, value: '1' }).execute();
        const error = await storage
          .savepoint(trx, async () => {
            await trx.insertInto('settings').values({ name: inside, value: '1' }).execute();
            // A raw unique violation: on PostgreSQL it aborts the transaction unless rolled back to a savepoint.
            await trx.insertInto('settings').values({ name: first, value: '2' }).execute();
          })
          .catch((e: unknown) => e);
        assert.equal(storage.dialect.constraintViolation(error), 'unique');
        await trx.insertInto('settings').values({ name: after, value: '1' }).execute();
      });
      assert.deepEqual([await get(storage, first), await get(storage, inside), await get(storage, after)], ['1', undefined, '1']);
    });

    it('retries writers that collide (one lock held, or a deadlock) until both commit, each exactly once', { skip: needsSharedDatabase(suite) }, async () => {
      const a = suite.storage;
      const b = await suite.open();
      const [r1, r2] = [label('r1'), label('r2')];
      let aHolds!: () => void;
      const aHoldsR1 = new Promise<void>((resolve) => (aHolds = resolve));
      let bHolds!: () => void;
      const bHoldsR2 = new Promise<void>((resolve) => (bHolds = resolve));
      // Opposite lock order. PostgreSQL: a deadlock, one side is aborted (40P01) and runs again.
      // SQLite: B cannot begin while A holds the write lock (SQLITE_BUSY) and retries until A commits.
      const first = a.transaction(async (trx) => {
        await increment(trx, r1);
        aHolds();
        await Promise.race([bHoldsR2, sleep(300)]);
        await increment(trx, r2);
      });
      await aHoldsR1;
      const second = b.transaction(async (trx) => {
        await increment(trx, r2);
        bHolds();
        await increment(trx, r1);
      });
      await Promise.all([first, second]);
      assert.deepEqual([await get(a, r1), await get(a, r2)], ['2', '2']);
    });
  });

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
