import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createMasterKey, isSealed, MasterKeyError } from '../../../src/lib/master-key.js';
import type { Storage } from '../../../src/storage/index.js';
import { createDatabaseKeyStore } from '../../../src/tokens/keys/database-keystore.js';
import { memoryStorage, verifyWith } from './helpers.js';

describe('master key sealing (design.md Data)', () => {
  it('round-trips, binds the AAD and rejects a wrong key with a typed error', async () => {
    const key = createMasterKey('correct horse battery staple');
    const sealed = await key.seal('secret', 'kid-1');
    assert.match(sealed, /^enc:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.ok(isSealed(sealed));
    assert.equal(await key.open(sealed, 'kid-1'), 'secret');
    await assert.rejects(key.open(sealed, 'kid-2'), { name: 'MasterKeyError', code: 'MASTER_KEY_MISMATCH' });
    await assert.rejects(createMasterKey('wrong').open(sealed, 'kid-1'), { code: 'MASTER_KEY_MISMATCH' });
    await assert.rejects(key.open('enc:v1:garbage'), { code: 'MALFORMED_SEALED_VALUE' });
    assert.throws(() => createMasterKey(''), MasterKeyError);
  });
});

describe('database keystore with TESSERA_MASTER_KEY', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await memoryStorage();
  });
  afterEach(() => storage.close());

  it('stores private keys sealed, never as PEM, and still signs', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: 'm4ster' });
    await ks.ensureKeys();
    const rows = await storage.db.selectFrom('signing_keys').select(['private_key']).execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.ok(row.private_key.startsWith('enc:v1:'));
      assert.ok(!row.private_key.includes('PRIVATE KEY'));
    }
    await verifyWith(await ks.signJwt({ sub: 'x' }), await ks.jwks());
    // A second node (or a restart) with the same master key signs too.
    const restarted = createDatabaseKeyStore(storage, { masterKey: 'm4ster' });
    await verifyWith(await restarted.signJwt({ sub: 'y' }), await ks.jwks());
  });

  it('fails with a clear error on a wrong or missing master key, and publishing still works', async () => {
    await createDatabaseKeyStore(storage, { masterKey: 'm4ster' }).ensureKeys();
    const wrong = createDatabaseKeyStore(storage, { masterKey: 'not-it' });
    await assert.rejects(wrong.signJwt({}), (err: unknown) => {
      assert.ok(err instanceof MasterKeyError);
      assert.equal(err.code, 'MASTER_KEY_MISMATCH');
      assert.match(err.message, /^Signing key [A-Za-z0-9_-]{27}: .*TESSERA_MASTER_KEY/);
      return true;
    });
    const missing = createDatabaseKeyStore(storage, { masterKey: null });
    await assert.rejects(missing.signJwt({}), { code: 'MASTER_KEY_REQUIRED' });
    assert.equal((await missing.jwks()).length, 2, 'the JWKS needs no private key');
  });

  it('reads TESSERA_MASTER_KEY from the environment when the option is omitted', async () => {
    const saved = process.env.TESSERA_MASTER_KEY;
    process.env.TESSERA_MASTER_KEY = 'from-env';
    try {
      const ks = createDatabaseKeyStore(storage);
      await ks.ensureKeys();
      const row = await storage.db.selectFrom('signing_keys').select('private_key').executeTakeFirstOrThrow();
      assert.ok(row.private_key.startsWith('enc:v1:'));
      await ks.signJwt({});
    } finally {
      if (saved === undefined) delete process.env.TESSERA_MASTER_KEY;
      else process.env.TESSERA_MASTER_KEY = saved;
    }
  });
});
