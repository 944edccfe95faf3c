import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import type { Storage } from '../../../src/storage/index.js';
import { createDatabaseKeyStore } from '../../../src/tokens/keys/database-keystore.js';
import { HOUR, RETAIN_MS, memoryStorage, testClock, verifyWith } from './helpers.js';

describe('database keystore: rotation with overlap (tokens.md §7.2)', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await memoryStorage();
  });
  afterEach(() => storage.close());

  it('publishes the next key before it signs and keeps the old one until its tokens expire', async () => {
    const clock = testClock();
    const ks = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now });
    await ks.ensureKeys();
    const initial = await ks.list();
    const oldActive = initial.find((k) => k.status === 'active')?.kid;
    const next = initial.find((k) => k.status === 'next')?.kid;
    const jwksBefore = (await ks.jwks()).map((k) => k.kid);
    assert.ok(jwksBefore.includes(next ?? ''), 'next key published before rotation');
    const oldToken = await ks.signJwt({ sub: 'before' });

    clock.advance(24 * HOUR);
    const rotatedAt = clock.now().toISOString();
    const after = await ks.rotate();
    assert.deepEqual(after.find((k) => k.kid === next), {
      ...initial.find((k) => k.kid === next),
      status: 'active',
      activatedAt: rotatedAt,
    });
    const retired = after.find((k) => k.kid === oldActive);
    assert.equal(retired?.status, 'retired');
    assert.equal(retired?.retiredAt, rotatedAt);
    assert.equal(retired?.retireUntil, new Date(clock.now().getTime() + RETAIN_MS).toISOString());
    const newNext = after.filter((k) => k.status === 'next');
    assert.equal(newNext.length, 1);
    assert.ok(!initial.some((k) => k.kid === newNext[0]?.kid), 'a fresh next key');

    const jwksAfter = await ks.jwks();
    assert.equal(jwksAfter.length, 3);
    await verifyWith(oldToken, jwksAfter);
    const newToken = await ks.signJwt({ sub: 'after' });
    assert.equal(decodeProtectedHeader(newToken).kid, next);
    await verifyWith(newToken, jwksAfter);

    clock.advance(RETAIN_MS - 1);
    assert.ok((await ks.jwks()).some((k) => k.kid === oldActive), 'still published just before retire_until');
    clock.advance(1);
    const late = await ks.jwks();
    assert.ok(!late.some((k) => k.kid === oldActive), 'gone at retire_until');
    await assert.rejects(verifyWith(oldToken, late));
  });

  it('purges expired retired keys on the next rotation', async () => {
    const clock = testClock();
    const ks = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now, maxTokenLifetimeSeconds: 3600 });
    await ks.rotate();
    const first = (await ks.list()).find((k) => k.status === 'retired')?.kid;
    clock.advance(2 * HOUR);
    const keys = await ks.rotate();
    assert.ok(!keys.some((k) => k.kid === first), 'purged');
    assert.deepEqual(keys.map((k) => k.status).sort(), ['active', 'next', 'retired']);
  });

  it('two nodes rotating at once leave exactly one active and one next key', async () => {
    const a = createDatabaseKeyStore(storage, { masterKey: null });
    const b = createDatabaseKeyStore(storage, { masterKey: null });
    await a.ensureKeys();
    await Promise.all([a.rotate(), b.rotate()]);
    const statuses = (await a.list()).map((k) => k.status);
    assert.equal(statuses.filter((s) => s === 'active').length, 1);
    assert.equal(statuses.filter((s) => s === 'next').length, 1);
  });

  it('repairs a first-start race that left two active and two next keys', async () => {
    const clock = testClock();
    const ks = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now });
    await ks.ensureKeys();
    const rows = await storage.db.selectFrom('signing_keys').selectAll().execute();
    // Simulate a second process that inserted its own pair a moment later.
    const other = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now });
    await storage.db.deleteFrom('signing_keys').execute();
    clock.advance(1000);
    await other.ensureKeys();
    await storage.db.insertInto('signing_keys').values(rows).execute();
    await ks.ensureKeys();
    const keys = await ks.list();
    assert.deepEqual(keys.map((k) => k.status).sort(), ['active', 'next', 'retired']);
    const kept = new Set(rows.map((r) => r.kid));
    assert.ok(keys.filter((k) => k.status !== 'retired').every((k) => kept.has(k.kid)), 'the oldest pair wins');
  });
});
