import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKDATE_SECONDS, randomLifetime, tokenTimes } from '../../../src/tokens/lifetime.js';

describe('access-token lifetime (tokens.md §8)', () => {
  it('back-dates iat = nbf by five minutes; exp = now + lifetime; expires_in = exp − now', () => {
    const now = new Date('2026-01-01T00:00:00.750Z');
    const t = tokenTimes(now, 3600);
    const seconds = Date.parse('2026-01-01T00:00:00Z') / 1000;
    assert.equal(BACKDATE_SECONDS, 300);
    assert.deepEqual(t, { iat: seconds - 300, nbf: seconds - 300, exp: seconds + 3600, expiresIn: 3600 });
    assert.equal(t.exp - t.iat, 3900);
  });

  it('draws the lifetime uniformly from [min, max], both ends included', () => {
    const calls: Array<[number, number]> = [];
    const pick = (lo: number, hi: number) => (calls.push([lo, hi]), hi - 1);
    assert.equal(randomLifetime({ min: 3600, max: 5400 }, pick), 5400);
    assert.deepEqual(calls, [[3600, 5401]]);
    assert.equal(randomLifetime({ min: 4000, max: 4000 }, () => assert.fail('no draw for a fixed lifetime')), 4000);
    // max below min (a misconfiguration the schema allows) collapses to min.
    assert.equal(randomLifetime({ min: 4000, max: 3000 }, () => assert.fail('no draw')), 4000);
  });

  it('stays within the bounds with the real random source', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const lifetime = randomLifetime({ min: 10, max: 12 });
      assert.ok(lifetime >= 10 && lifetime <= 12);
      seen.add(lifetime);
    }
    assert.deepEqual([...seen].sort(), [10, 11, 12]);
  });
});
