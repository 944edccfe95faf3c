/**
 * Protocol state, the browser and device side (src/state): SSO sessions with several accounts,
 * sliding expiry, device codes found by user code, failure counters, and the sweeper.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newGuid } from '../../../src/lib/ids.js';
import { createProtocolState, handleDigest, newHandle, newUserCode } from '../../../src/state/index.js';
import { label, type Suite } from './suite.js';
import { manualClock, newCode } from './protocol-state-tokens.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const isGuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

export function protocolStateSessionCases(suite: Suite): void {
  const stateAt = (clock = manualClock()) => ({ clock, state: createProtocolState(suite.storage, { now: clock.now }) });

  describe('protocol state: SSO sessions', () => {
    it('holds several accounts, each with its own sid; signing in again keeps the sid and updates amr', async () => {
      const { clock, state } = stateAt();
      const handle = newHandle('ss');
      await state.sessions.create(handle, { theme: 'light' });
      assert.deepEqual((await state.sessions.get(handle))?.accounts, []);
      const [tenantId, alice, bob, app1, app2] = [newGuid(), newGuid(), newGuid(), newGuid(), newGuid()];
      const first = await state.sessions.addAccount(handle, { tenantId, userId: alice, authTime: clock.now(), amr: ['pwd'], clientId: app1 });
      const second = await state.sessions.addAccount(handle, { tenantId, userId: bob, authTime: clock.now(), amr: ['pwd'] });
      assert.ok(first && second && isGuid(first.sid) && isGuid(second.sid) && first.sid !== second.sid);
      clock.advance(MINUTE);
      const again = await state.sessions.addAccount(handle, { tenantId, userId: alice, authTime: clock.now(), amr: ['pwd', 'mfa'], clientId: app2 });
      assert.deepEqual(again, { tenantId, userId: alice, sid: first.sid, authTime: clock.now(), amr: ['pwd', 'mfa'], clientIds: [app1, app2] });
      assert.equal(await state.sessions.addClient(handle, tenantId, bob, app1), true);
      assert.equal(await state.sessions.addClient(handle, tenantId, newGuid(), app1), false);
      const session = await state.sessions.get(handle);
      assert.deepEqual(session?.data, { theme: 'light' });
      assert.deepEqual(session?.accounts.map((a) => [a.userId, a.clientIds]).sort(), [[alice, [app1, app2]], [bob, [app1]]].sort());

      const removed = await state.sessions.removeAccount(handle, tenantId, bob);
      assert.deepEqual(removed?.clientIds, [app1]);
      assert.deepEqual((await state.sessions.get(handle))?.accounts.map((a) => a.userId), [alice]);
      const ended = await state.sessions.end(handle);
      assert.deepEqual(ended?.accounts.map((a) => a.sid), [first.sid]);
      assert.equal(await state.sessions.get(handle), undefined);
      assert.equal(await state.sessions.end(handle), undefined);
    });

    it('ends after 24 hours of inactivity; touch and sign-ins slide the window', async () => {
      const { clock, state } = stateAt();
      const handle = newHandle('ss');
      await state.sessions.create(handle);
      clock.advance(23 * HOUR);
      assert.equal(await state.sessions.touch(handle), true);
      clock.advance(23 * HOUR);
      assert.ok(await state.sessions.addAccount(handle, { tenantId: newGuid(), userId: newGuid(), authTime: clock.now(), amr: ['pwd'] }));
      clock.advance(23 * HOUR);
      assert.deepEqual((await state.sessions.get(handle))?.lastSeenAt, new Date(clock.now().getTime() - 23 * HOUR));
      clock.advance(HOUR);
      assert.equal(await state.sessions.get(handle), undefined);
      assert.equal(await state.sessions.touch(handle), false);
      assert.equal(await state.sessions.addAccount(handle, { tenantId: newGuid(), userId: newGuid(), authTime: clock.now(), amr: ['pwd'] }), undefined);
      assert.equal(await state.sessions.get(newHandle('ss')), undefined);
    });
  });

  describe('protocol state: device codes', () => {
    it('is found by its user code as typed, pends, is approved once and redeemed once', async () => {
      const { clock, state } = stateAt();
      const [deviceCode, userCode] = [newHandle('dc'), newUserCode()];
      const clientId = newGuid();
      assert.deepEqual(await state.deviceCodes.put(deviceCode, userCode, { tenantId: 'common', clientId, data: { scope: 'User.Read' } }), {
        expiresAt: new Date(clock.now().getTime() + 15 * MINUTE),
        intervalSeconds: 5,
      });
      const typed = `${userCode.slice(0, 4).toLowerCase()}-${userCode.slice(4)} `;
      const found = await state.deviceCodes.findByUserCode(typed);
      assert.deepEqual([found?.status, found?.clientId, found?.data], ['pending', clientId, { scope: 'User.Read' }]);
      const firstPoll = clock.now();
      assert.deepEqual(await state.deviceCodes.consume(deviceCode), { status: 'pending', previousPollAt: null, intervalSeconds: 5 });
      clock.advance(2 * SECOND);
      assert.deepEqual(await state.deviceCodes.consume(deviceCode), { status: 'pending', previousPollAt: firstPoll, intervalSeconds: 5 });
      const [userTenantId, userId] = [newGuid(), newGuid()];
      assert.equal(await state.deviceCodes.approve(typed, { userTenantId, userId, data: { amr: ['pwd'] } }), true);
      assert.equal(await state.deviceCodes.approve(userCode, { userTenantId, userId: newGuid() }), false);
      assert.equal(await state.deviceCodes.decline(userCode), false);
      const redeemed = await state.deviceCodes.consume(deviceCode);
      assert.ok(redeemed.status === 'ok');
      assert.deepEqual([redeemed.code.userTenantId, redeemed.code.userId, redeemed.code.approval], [userTenantId, userId, { amr: ['pwd'] }]);
      assert.deepEqual(await state.deviceCodes.consume(deviceCode), { status: 'replayed' });
    });

    it('reports declined, expired (after 15 minutes) and unknown codes', async () => {
      const { clock, state } = stateAt();
      const [declined, declinedUser, late, lateUser] = [newHandle('dc'), newUserCode(), newHandle('dc'), newUserCode()];
      await state.deviceCodes.put(declined, declinedUser, { tenantId: 'organizations', clientId: newGuid() });
      await state.deviceCodes.put(late, lateUser, { tenantId: 'organizations', clientId: newGuid() });
      assert.equal(await state.deviceCodes.decline(declinedUser), true);
      assert.equal(await state.deviceCodes.approve(declinedUser, { userTenantId: newGuid(), userId: newGuid() }), false);
      assert.deepEqual(await state.deviceCodes.consume(declined), { status: 'declined' });
      clock.advance(15 * MINUTE);
      assert.equal(await state.deviceCodes.findByUserCode(lateUser), undefined);
      assert.equal(await state.deviceCodes.approve(lateUser, { userTenantId: newGuid(), userId: newGuid() }), false);
      assert.deepEqual(await state.deviceCodes.consume(late), { status: 'expired' });
      assert.deepEqual(await state.deviceCodes.consume(newHandle('dc')), { status: 'unknown' });
      assert.equal(await state.deviceCodes.findByUserCode(newUserCode()), undefined);
    });
  });

  describe('protocol state: failure counters', () => {
    it('counts within a window and starts over after it', async () => {
      const { clock, state } = stateAt();
      const key = label('signin:user:');
      const policy = { windowMs: MINUTE };
      const start = clock.now();
      assert.deepEqual((await Promise.all([1, 2, 3].map(() => state.counters.hit(key, policy)))).map((c) => c.count).sort(), [1, 2, 3]);
      clock.advance(30 * SECOND);
      assert.deepEqual(await state.counters.get(key), { count: 3, windowStart: start, windowEndsAt: new Date(start.getTime() + MINUTE), lockedUntil: null });
      clock.advance(30 * SECOND);
      assert.equal(await state.counters.get(key), undefined);
      const fresh = await state.counters.hit(key, policy);
      assert.deepEqual([fresh.count, fresh.windowStart], [1, clock.now()]);
      await state.counters.reset(key);
      assert.equal(await state.counters.get(key), undefined);
      assert.equal(await state.counters.get(label('never:')), undefined);
    });

    it('locks out at the limit, for longer than the window, and unlocks after it', async () => {
      const { clock, state } = stateAt();
      const key = label('signin:ip:');
      const policy = { windowMs: 10 * SECOND, limit: 3, lockMs: MINUTE };
      assert.equal((await state.counters.hit(key, policy)).lockedUntil, null);
      assert.equal((await state.counters.hit(key, policy)).lockedUntil, null);
      const locked = await state.counters.hit(key, policy);
      const until = new Date(clock.now().getTime() + MINUTE);
      assert.deepEqual([locked.count, locked.lockedUntil], [3, until]);
      clock.advance(30 * SECOND);
      assert.deepEqual(await state.counters.get(key), { count: 0, windowStart: locked.windowStart, windowEndsAt: locked.windowEndsAt, lockedUntil: until });
      // A failure while locked starts a new window but does not extend the lock.
      assert.deepEqual([(await state.counters.hit(key, policy)).lockedUntil, (await state.counters.hit(key, policy)).count], [until, 2]);
      clock.advance(31 * SECOND);
      assert.equal(await state.counters.get(key), undefined);
    });
  });

  describe('protocol state: sweeper', () => {
    it('deletes only expired rows, keeps consumed codes a day for replay detection, in bounded batches', async () => {
      const { clock, state } = stateAt(manualClock('2032-06-01T00:00:00.000Z'));
      const db = suite.storage.db;
      const [oldCode, oldSession, oldDevice, oldToken] = [newHandle('ac'), newHandle('ss'), newHandle('dc'), newHandle('rt')];
      const oldCounters = [1, 2, 3, 4, 5].map(() => label('sweep:'));
      const c = newCode();
      await state.codes.put(oldCode, c);
      await state.codes.consume(oldCode);
      await state.sessions.create(oldSession);
      await state.sessions.addAccount(oldSession, { tenantId: c.tenantId, userId: c.userId, authTime: clock.now(), amr: ['pwd'] });
      await state.deviceCodes.put(oldDevice, newUserCode(), { tenantId: 'common', clientId: c.clientId });
      await state.refreshTokens.issue(oldToken, { familyId: c.familyId, tenantId: c.tenantId, userId: c.userId, clientId: c.clientId, reuseDetection: false, spa: true });
      for (const key of oldCounters) await state.counters.hit(key, { windowMs: MINUTE });
      // Sessions, families (SPA: 24 h), device codes and counters are past their expiry; the
      // consumed code (10 minutes) too, but not yet past its day of replay retention.
      clock.advance(24 * HOUR + MINUTE);
      const [liveCode, liveSession, liveCounter] = [newHandle('ac'), newHandle('ss'), label('sweep:')];
      await state.codes.put(liveCode, newCode());
      await state.sessions.create(liveSession);
      await state.counters.hit(liveCounter, { windowMs: MINUTE });

      const bounded = await state.sweep(clock.now(), { batchSize: 2, maxBatches: 1 });
      assert.equal(bounded.failure_counters, 2);
      const swept = await state.sweep(clock.now());
      const has = async (table: 'authorization_codes' | 'sso_sessions' | 'device_codes' | 'refresh_tokens', column: string, handle: string) =>
        (await db.selectFrom(table).selectAll().where(column as never, '=', handleDigest(handle) as never).execute()).length === 1;
      assert.ok(swept.sso_sessions >= 1 && swept.device_codes >= 1 && swept.refresh_token_families >= 1);
      assert.equal(await has('sso_sessions', 'session_digest', oldSession), false);
      assert.equal((await db.selectFrom('sso_session_accounts').selectAll().where('session_digest', '=', handleDigest(oldSession)).execute()).length, 0);
      assert.equal(await has('device_codes', 'device_code_digest', oldDevice), false);
      assert.equal(await has('refresh_tokens', 'token_digest', oldToken), false);
      assert.equal(await db.selectFrom('refresh_token_families').selectAll().where('family_id', '=', c.familyId).executeTakeFirst(), undefined);
      assert.deepEqual(await db.selectFrom('failure_counters').select('key').where('key', 'in', oldCounters).execute(), []);
      // The consumed code is past its 10 minutes but within the replay retention: still a replay.
      assert.equal(await has('authorization_codes', 'code_digest', oldCode), true);
      assert.equal((await state.codes.consume(oldCode)).status, 'replayed');
      assert.equal(await has('authorization_codes', 'code_digest', liveCode), true);
      assert.ok(await state.sessions.get(liveSession));
      assert.equal((await state.counters.get(liveCounter))?.count, 1);

      clock.advance(10 * MINUTE);
      await state.sweep(clock.now());
      assert.equal(await has('authorization_codes', 'code_digest', oldCode), false);
      assert.deepEqual(await state.codes.consume(oldCode), { status: 'unknown' });
      assert.equal((await state.codes.consume(liveCode)).status, 'expired');
    });

    it('sweeps on a timer until stopped', async () => {
      const clock = manualClock('2033-01-01T00:00:00.000Z');
      const state = createProtocolState(suite.storage, { now: clock.now });
      const key = label('timer:');
      await state.counters.hit(key, { windowMs: SECOND });
      clock.advance(2 * SECOND);
      const stop = state.startSweeper(10);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await suite.storage.db.selectFrom('failure_counters').select('key').where('key', '=', key).executeTakeFirst()) !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await stop();
      assert.equal(await suite.storage.db.selectFrom('failure_counters').select('key').where('key', '=', key).executeTakeFirst(), undefined);
      // Stopped: an expired row stays.
      const after = label('timer:');
      await state.counters.hit(after, { windowMs: SECOND });
      clock.advance(2 * SECOND);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(await suite.storage.db.selectFrom('failure_counters').select('key').where('key', '=', after).executeTakeFirst());
      await state.close();
    });
  });
}
