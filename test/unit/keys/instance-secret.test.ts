/**
 * The instance secret (src/tokens/keys/instance-secret.ts): made once per database, the same for
 * every node that loads it, sealed with the master key when one is set, one derived key per purpose.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createMasterKey, isSealed } from '../../../src/lib/master-key.js';
import type { Storage } from '../../../src/storage/index.js';
import { createSettingsQueries } from '../../../src/storage/queries/settings.js';
import { loadInstanceSecrets } from '../../../src/tokens/keys/instance-secret.js';
import { memoryStorage } from './helpers.js';

describe('instance secret', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await memoryStorage();
  });
  afterEach(() => storage.close());

  it('is created once and derives the same keys for every loader (node)', async () => {
    const [a, b] = await Promise.all([loadInstanceSecrets(storage, null), loadInstanceSecrets(storage, null)]);
    const c = await loadInstanceSecrets(storage, null);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal(a.csrf.length, 32);
    assert.notDeepEqual(a.csrf, a.pairwise, 'one key per purpose');
  });

  it('is stored sealed with a master key, and opens only with it', async () => {
    const key = createMasterKey('instance secret test key');
    const sealedOnes = await loadInstanceSecrets(storage, key);
    const stored = await createSettingsQueries(storage.db).get('instance_secret');
    assert.ok(stored !== undefined && isSealed(stored));
    assert.deepEqual(await loadInstanceSecrets(storage, key), sealedOnes);
    await assert.rejects(loadInstanceSecrets(storage, null), { code: 'MASTER_KEY_REQUIRED' });
    await assert.rejects(loadInstanceSecrets(storage, createMasterKey('another key')), { code: 'MASTER_KEY_MISMATCH' });
  });
});
