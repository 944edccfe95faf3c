/** Migrations and the storage-level tables (settings). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createSettingsQueries } from '../../../src/storage/queries/settings.js';
import { migrateToLatest } from '../../../src/storage/index.js';
import { PROTOCOL_STATE_TABLES, type Suite } from './suite.js';

const TABLES = [
  'tenants', 'domains', 'users', 'directory_role_assignments', 'groups', 'group_members', 'applications',
  'password_credentials', 'key_credentials', 'federated_identity_credentials', 'service_principals',
  'oauth2_permission_grants', 'app_role_assignments', 'signing_keys', 'settings',
  ...PROTOCOL_STATE_TABLES,
] as const;

export function schemaCases(suite: Suite): void {
  describe('migrations', () => {
    it('creates every table of schema.ts', async () => {
      for (const table of TABLES) {
        const rows = await suite.storage.db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).execute();
        assert.ok(Array.isArray(rows), table);
      }
    });

    it('records each migration once and is a no-op when run again', async () => {
      const again = await suite.open();
      assert.deepEqual(await migrateToLatest(again.db), []);
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
      assert.deepEqual(rows.rows.map((r) => r.name), ['0001-initial', '0002-protocol-state', '0003-consent-policy']);
    });

    it('seeds the consumers tenant with its Microsoft Graph service principal', async () => {
      const tenant = await suite.storage.db.selectFrom('tenants').selectAll().where('id', '=', '9188040d-6c67-4c5b-b112-36a304b66dad').executeTakeFirst();
      assert.equal(tenant?.kind, 'consumers');
      assert.equal(tenant?.display_name, 'Microsoft Accounts');
      const sps = await suite.storage.db.selectFrom('service_principals').selectAll().where('tenant_id', '=', '9188040d-6c67-4c5b-b112-36a304b66dad').execute();
      assert.deepEqual(sps.map((s) => [s.app_id, s.application_id]), [['00000003-0000-0000-c000-000000000000', null]]);
    });

    it('enforces foreign keys (a domain of a missing tenant is refused)', async () => {
      await assert.rejects(
        suite.storage.db.insertInto('domains').values({ name: 'orphan.example', tenant_id: '00000000-0000-0000-0000-00000000dead', is_initial: 0, is_default: 0, is_verified: 1 }).execute(),
        (error) => suite.storage.dialect.constraintViolation(error) === 'foreignKey',
      );
    });
  });

  describe('settings queries', () => {
    it('sets, overwrites, lists and deletes', async () => {
      const settings = createSettingsQueries(suite.storage.db);
      assert.equal(await settings.get('conformance.a'), undefined);
      await settings.set('conformance.a', '1');
      await settings.set('conformance.a', '2');
      await settings.set('conformance.b', 'x');
      assert.equal(await settings.get('conformance.a'), '2');
      const all = await settings.list();
      assert.equal(all['conformance.a'], '2');
      assert.equal(all['conformance.b'], 'x');
      await settings.delete('conformance.a');
      assert.equal(await settings.get('conformance.a'), undefined);
    });
  });
}
