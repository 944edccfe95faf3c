/** The storage conformance suite on SQLite (a WAL file database), plus SQLite-only checks. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DatabaseUnavailableError, openStorage } from '../../src/storage/index.js';
import { createSettingsQueries } from '../../src/storage/queries/settings.js';
import { storageConformance } from './conformance.js';

const dir = await mkdtemp(join(tmpdir(), 'tessera-sqlite-'));
after(() => rm(dir, { recursive: true, force: true }));

const fileUrl = `sqlite:${join(dir, 'tessera.db')}`;
storageConformance('sqlite', (options) => openStorage(fileUrl, options), { url: fileUrl });
storageConformance('sqlite :memory:', (options) => openStorage(':memory:', options), { sharedDatabase: false });

describe('sqlite specifics', () => {
  it('opens a file database in WAL mode with foreign keys on and synchronous FULL', async () => {
    const storage = await openStorage(join(dir, 'pragmas.db'));
    try {
      const raw = (await import('kysely')).sql;
      const journal = await raw<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
      const foreignKeys = await raw<{ foreign_keys: number }>`pragma foreign_keys`.execute(storage.db);
      const synchronous = await raw<{ synchronous: number }>`pragma synchronous`.execute(storage.db);
      assert.equal(journal.rows[0]?.journal_mode, 'wal');
      assert.equal(foreignKeys.rows[0]?.foreign_keys, 1);
      assert.equal(synchronous.rows[0]?.synchronous, 2);
      assert.equal(storage.dialect.name, 'sqlite');
    } finally {
      await storage.close();
    }
  });

  it('gives up on a write lock held past the retry deadline with DatabaseUnavailableError, and leaves the holder intact', async () => {
    const file = join(dir, 'busy.db');
    const holder = await openStorage(file);
    const waiter = await openStorage(file, { retry: { maxAttempts: 100, deadlineMs: 300, baseDelayMs: 5, maxDelayMs: 50 } });
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const holderDone = holder.transaction(async (trx) => {
        await createSettingsQueries(trx).set('holder', 'yes');
        holding();
        await released;
      });
      await held;
      const error = await waiter.transaction((trx) => createSettingsQueries(trx).set('waiter', 'yes')).catch((e: unknown) => e);
      assert.ok(error instanceof DatabaseUnavailableError, `expected DatabaseUnavailableError, got ${String(error)}`);
      assert.match(String((error.cause as { code?: string }).code), /^SQLITE_BUSY/);
      release();
      await holderDone;
      assert.equal(await createSettingsQueries(waiter.db).get('holder'), 'yes');
      assert.equal(await createSettingsQueries(waiter.db).get('waiter'), undefined);
    } finally {
      await waiter.close();
      await holder.close();
    }
  });
});
