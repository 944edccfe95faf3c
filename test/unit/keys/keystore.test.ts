import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import type { Storage } from '../../../src/storage/index.js';
import { createDatabaseKeyStore } from '../../../src/tokens/keys/database-keystore.js';
import { HOUR, memoryStorage, testClock, verifyWith } from './helpers.js';

describe('database keystore: keys, JWKS and signing', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await memoryStorage();
  });
  afterEach(() => storage.close());

  it('publishes kid = x5t = base64url(SHA-1(x5c[0] DER)) in Entra JWKS shape (protocol.md §8.3)', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: null, now: testClock().now });
    await ks.ensureKeys();
    const jwks = await ks.jwks();
    assert.equal(jwks.length, 2);
    for (const jwk of jwks) {
      const der = Buffer.from(jwk.x5c[0] ?? '', 'base64');
      assert.equal(jwk.kid, createHash('sha1').update(der).digest('base64url'));
      assert.equal(jwk.x5t, jwk.kid);
      assert.deepEqual(Object.keys(jwk).sort(), ['e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t']);
      assert.equal(jwk.kty, 'RSA');
      assert.equal(jwk.use, 'sig');
      assert.equal(jwk.e, 'AQAB');
      assert.equal(Buffer.from(jwk.n, 'base64url').length, 256); // RSA-2048
    }
  });

  it('signs tokens that jose verifies against the JWKS, with Entra headers (tokens.md §2)', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: null, now: testClock().now });
    const token = await ks.signJwt({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 });
    const jwks = await ks.jwks();
    const { protectedHeader, payload } = await verifyWith(token, jwks);
    assert.equal(payload.sub, 'x');
    const active = (await ks.list()).find((k) => k.status === 'active');
    assert.deepEqual(protectedHeader, { typ: 'JWT', alg: 'RS256', kid: active?.kid });
    assert.ok(jwks.some((k) => k.kid === protectedHeader.kid));
    // Header member order as Entra's: typ, alg, [x5t,] kid.
    assert.deepEqual(Object.keys(protectedHeader), ['typ', 'alg', 'kid']);

    const v1 = await ks.signJwt({ sub: 'x' }, { x5t: true, headerExtra: { nonce: 'abc' } });
    assert.deepEqual(decodeProtectedHeader(v1), { typ: 'JWT', alg: 'RS256', x5t: active?.kid, kid: active?.kid, nonce: 'abc' });
    await verifyWith(v1, jwks);
    await assert.rejects(ks.signJwt({}, { headerExtra: { alg: 'none' } }), /set by the signer/);
  });

  it('creates keys on first use when the table is empty', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: null });
    assert.equal((await ks.jwks()).length, 2);
  });

  it('returns JWKS copies that callers may extend without touching the cache', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: null });
    const first = await ks.jwks();
    for (const k of first) k.issuer = 'https://example/{tenantid}/v2.0';
    assert.ok((await ks.jwks()).every((k) => k.issuer === undefined));
  });

  it('ensureKeys twice (and concurrently) creates no duplicates', async () => {
    const a = createDatabaseKeyStore(storage, { masterKey: null });
    const b = createDatabaseKeyStore(storage, { masterKey: null });
    await Promise.all([a.ensureKeys(), b.ensureKeys()]);
    const keys = await a.list();
    await a.ensureKeys();
    await b.ensureKeys();
    assert.deepEqual(await a.list(), keys);
    assert.deepEqual(keys.map((k) => k.status).sort(), ['active', 'next']);
  });

  it('lists keys with a 5-year certificate and no key material', async () => {
    const ks = createDatabaseKeyStore(storage, { masterKey: null });
    await ks.ensureKeys();
    for (const key of await ks.list()) {
      const years = (Date.parse(key.notAfter) - Date.parse(key.createdAt)) / (365.25 * 24 * HOUR);
      assert.ok(years > 4.99 && years < 5.01, `validity ${years} years`);
      assert.ok(!JSON.stringify(key).includes('PRIVATE'));
    }
  });

  it('caches loaded keys for the TTL, then sees another node’s changes; invalidate() drops the cache', async () => {
    const clock = testClock();
    const node1 = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now });
    const node2 = createDatabaseKeyStore(storage, { masterKey: null, now: clock.now });
    const before = (await node1.jwks()).map((k) => k.kid);
    await node2.rotate();
    assert.deepEqual((await node1.jwks()).map((k) => k.kid), before, 'served from cache');
    clock.advance(30_000);
    assert.equal((await node1.jwks()).length, 3, 'reloaded after the 30 s TTL');
    await node2.rotate();
    node1.invalidate();
    assert.equal((await node1.jwks()).length, 4);
  });
});
