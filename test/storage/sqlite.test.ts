/** The storage conformance suite on SQLite (a WAL file database), plus SQLite-only checks. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { storageConformance } from './conformance.js';

const dir = await mkdtemp(join(tmpdir(), 'tessera-sqlite-'));
after(() => rm(dir, { recursive: true, force: true }));

storageConformance('sqlite', () => openStorage(`sqlite:${join(dir, 'tessera.db')}`));
storageConformance('sqlite :memory:', () => openStorage(':memory:'));

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
});
