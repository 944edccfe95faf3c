import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonical, isPublished, planEnsure, planReconcile, planRotation, type KeyState } from '../../../src/tokens/keys/rotation.js';

const T0 = '2026-01-01T00:00:00.000Z';
const key = (kid: string, status: KeyState['status'], created_at = T0, retire_until: string | null = null): KeyState => ({
  kid,
  status,
  created_at,
  retire_until,
});
const now = new Date('2026-01-02T00:00:00.000Z');

describe('key lifecycle rules (pure)', () => {
  it('canonical picks the oldest, then the smallest kid', () => {
    assert.equal(canonical([key('b', 'active'), key('a', 'active'), key('c', 'next')], 'active')?.kid, 'a');
    assert.equal(canonical([key('a', 'active', '2026-01-01T00:00:01.000Z'), key('b', 'active')], 'active')?.kid, 'b');
    assert.equal(canonical([key('a', 'next')], 'active'), undefined);
  });

  it('publishes next and active always, retired until retire_until', () => {
    assert.ok(isPublished(key('a', 'next'), now));
    assert.ok(isPublished(key('a', 'active'), now));
    assert.ok(isPublished(key('a', 'retired', T0, '2026-01-02T00:00:00.001Z'), now));
    assert.ok(!isPublished(key('a', 'retired', T0, '2026-01-02T00:00:00.000Z'), now));
    assert.ok(!isPublished(key('a', 'retired', T0, null), now));
  });

  it('planEnsure creates what is missing and promotes an orphan next', () => {
    assert.deepEqual(planEnsure([]), { promote: null, createActive: true, createNext: true });
    assert.deepEqual(planEnsure([key('a', 'active')]), { promote: null, createActive: false, createNext: true });
    assert.deepEqual(planEnsure([key('n', 'next')]), { promote: 'n', createActive: false, createNext: true });
    assert.deepEqual(planEnsure([key('a', 'active'), key('n', 'next')]), { promote: null, createActive: false, createNext: false });
  });

  it('planReconcile keeps the canonical pair, retires extra active keys, removes extra next keys', () => {
    const plan = planReconcile([key('a', 'active'), key('b', 'active'), key('m', 'next'), key('n', 'next')], now, 1000);
    assert.deepEqual(plan.retire, ['b']);
    assert.deepEqual(plan.remove, ['n']);
    assert.deepEqual(plan.patch, { status: 'retired', retired_at: now.toISOString(), retire_until: '2026-01-02T00:00:01.000Z' });
  });

  it('planRotation promotes next, retires active, purges expired retired keys', () => {
    const rows = [key('old', 'retired', T0, T0), key('kept', 'retired', T0, '2026-01-03T00:00:00.000Z'), key('a', 'active'), key('n', 'next')];
    const plan = planRotation(rows, now, 1000);
    assert.equal(plan?.activate, 'n');
    assert.deepEqual(plan?.retire, ['a']);
    assert.deepEqual(plan?.purge, ['old']);
    assert.equal(plan?.createNext, true);
    assert.equal(planRotation([key('a', 'active')], now, 1000), null);
  });
});
