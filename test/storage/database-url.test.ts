/**
 * The database URL grammar (storage/database-url.ts) that `--database`, TESSERA_DATABASE,
 * `startTessera({ database })` and `openStorage` share: which strings open which database, and
 * which are refused before anything is created.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatabaseUrlError, openStorage, parseDatabaseUrl } from '../../src/storage/index.js';

describe('database URLs', () => {
  it('reads SQLite files, PostgreSQL URLs and in-memory databases', () => {
    const cases: Array<[string, ReturnType<typeof parseDatabaseUrl>]> = [
      [':memory:', { kind: 'memory' }],
      ['sqlite::memory:', { kind: 'memory' }],
      ['sqlite:data/tessera.db', { kind: 'sqlite', file: 'data/tessera.db' }],
      ['sqlite:///var/lib/tessera.db', { kind: 'sqlite', file: '/var/lib/tessera.db' }],
      ['/var/lib/tessera.db', { kind: 'sqlite', file: '/var/lib/tessera.db' }],
      ['tessera.db', { kind: 'sqlite', file: 'tessera.db' }],
      // A drive letter is no scheme; a relative name with a colon is a file when it starts with '.'.
      ['C:\\data\\tessera.db', { kind: 'sqlite', file: 'C:\\data\\tessera.db' }],
      ['./odd:name.db', { kind: 'sqlite', file: './odd:name.db' }],
      ['postgres://tessera@db/tessera', { kind: 'postgres', url: 'postgres://tessera@db/tessera' }],
      ['PostgreSQL://tessera@db:5432/tessera', { kind: 'postgres', url: 'PostgreSQL://tessera@db:5432/tessera' }],
    ];
    for (const [url, expected] of cases) assert.deepEqual(parseDatabaseUrl(url), expected, url);
  });

  it('refuses other schemes, malformed PostgreSQL URLs and empty names, without echoing a password', () => {
    const refused: Array<[string, RegExp]> = [
      ['nonsense://x', /^'nonsense:\/\/x' has the unknown scheme 'nonsense:': use postgres:\/\/… or postgresql:\/\/…, sqlite:<file> or a plain file path, or :memory:$/],
      ['mysql://root:s3cret@db/tessera', /^'mysql:\/\/root:\*\*\*@db\/tessera' has the unknown scheme 'mysql:'/],
      ['file:tessera.db', /unknown scheme 'file:'/],
      ['postgress://db/tessera', /unknown scheme 'postgress:'/],
      ['postgres:tessera', /is not a PostgreSQL URL/],
      ['postgres://', /is not a PostgreSQL URL/],
      ['sqlite:', /names no file/],
      ['', /the database URL is empty/],
    ];
    for (const [url, message] of refused) {
      assert.throws(() => parseDatabaseUrl(url), (error: unknown) => error instanceof DatabaseUrlError && message.test(error.message) && !error.message.includes('s3cret'), url);
    }
  });

  it('openStorage refuses an unknown scheme as such (before: "unable to open database file" for an SQLite file of that name)', async () => {
    await assert.rejects(openStorage('nonsense://x'), (error: unknown) => error instanceof DatabaseUrlError && /unknown scheme 'nonsense:'/.test(error.message));
  });
});
