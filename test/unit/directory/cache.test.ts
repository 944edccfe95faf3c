/** The TTL cache and the directory's generation-checked cache. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DirectoryCache } from '../../../src/directory/cache.js';
import { TtlCache } from '../../../src/lib/ttl-cache.js';
import { isGuid, newGuid, newOpaqueId } from '../../../src/lib/ids.js';

describe('TtlCache', () => {
  it('expires entries and evicts the oldest beyond its bound', () => {
    let now = 1000;
    const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 2, now: () => now });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b'), 2);
    now += 100;
    assert.equal(cache.get('b'), undefined);
    cache.set('d', 4, 10);
    now += 9;
    assert.equal(cache.get('d'), 4);
    now += 1;
    assert.equal(cache.get('d'), undefined);
  });
});

describe('DirectoryCache', () => {
  it('shares one load between concurrent misses and freezes the value', async () => {
    const cache = new DirectoryCache(5000);
    let loads = 0;
    const load = async () => {
      loads++;
      return { list: [1, 2] };
    };
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.equal(loads, 1);
    assert.equal(a, b);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.list));
  });

  it('does not keep a value whose load overlapped an invalidation', async () => {
    const cache = new DirectoryCache(5000);
    let release: (value: string) => void = () => undefined;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('stale');
    assert.equal(await slow, 'stale');
    assert.equal(await cache.get('k', async () => 'fresh'), 'fresh');
  });

  it('forgets failed loads and bypasses caching when the TTL is 0', async () => {
    const cache = new DirectoryCache(5000);
    await assert.rejects(cache.get('k', async () => Promise.reject(new Error('boom'))));
    assert.equal(await cache.get('k', async () => 'ok'), 'ok');
    const off = new DirectoryCache(0);
    let loads = 0;
    await off.get('k', async () => ++loads);
    await off.get('k', async () => ++loads);
    assert.equal(loads, 2);
  });
});

describe('ids', () => {
  it('makes GUIDs and opaque ids', () => {
    const guid = newGuid();
    assert.equal(isGuid(guid), true);
    assert.equal(isGuid(guid.toUpperCase()), true);
    assert.equal(isGuid(`{${guid}}`), false);
    assert.equal(isGuid('not-a-guid'), false);
    assert.equal(isGuid(42), false);
    assert.match(newOpaqueId(), /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newOpaqueId(), newOpaqueId());
  });
});
