/** The storage conformance suite on PostgreSQL (a throwaway cluster, or TESSERA_TEST_DATABASE_URL), plus PostgreSQL-only checks. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { DatabaseUnavailableError, openStorage } from '../../src/storage/index.js';
import { createSettingsQueries } from '../../src/storage/queries/settings.js';
import { startPostgres } from '../helpers/postgres.js';
import { storageConformance } from './conformance.js';

const postgres = await startPostgres();
after(() => postgres.stop());

storageConformance('postgres', (options) => openStorage(postgres.url, options), { url: postgres.url });

/** Ends every other backend on the test database (what a DBA's pg_terminate_backend does). */
async function terminateOthers(applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const result = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1',
      [applicationName],
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('postgres specifics', () => {
  it('survives its connections being terminated (idle and in a transaction) and reconnects on the next query', async () => {
    const name = `tessera_kill_${process.pid}`;
    const url = new URL(postgres.url);
    url.searchParams.set('application_name', name);
    const storage = await openStorage(url.toString());
    try {
      const q = createSettingsQueries(storage.db);
      await q.set('before', '1');
      // An idle pooled connection: without an 'error' listener, pg's event would end this process.
      assert.ok((await terminateOthers(name)) >= 1);
      // A connection checked out by an open transaction.
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const transaction = storage.transaction(async (trx) => {
        await createSettingsQueries(trx).set('during', '1');
        inside();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await createSettingsQueries(trx).set('during-2', '1');
      });
      await opened;
      assert.ok((await terminateOthers(name)) >= 1);
      const error = await transaction.catch((e: unknown) => e);
      assert.ok(error instanceof DatabaseUnavailableError, `expected DatabaseUnavailableError, got ${String(error)}`);
      // The pool opens fresh connections on demand: the very next query works.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await q.get('before'), '1');
      assert.equal(await q.get('during'), undefined);
      assert.equal(await storage.ping(2000), true);
    } finally {
      await storage.close();
    }
  });
});
