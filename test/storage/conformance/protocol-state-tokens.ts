/**
 * Protocol state, codes and refresh tokens (src/state): single-use codes and replay, rotation,
 * reuse detection, revocation by family and by user, and that only digests are stored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProtocolState, handleDigest, newFamilyId, newHandle, newUserCode, type NewAuthorizationCode } from '../../../src/state/index.js';
import { newGuid } from '../../../src/lib/ids.js';
import { allStoredText, type Suite } from './suite.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A clock the test moves by hand. */
export function manualClock(start = '2031-03-01T08:00:00.000Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

export function newCode(overrides: Partial<NewAuthorizationCode> = {}): NewAuthorizationCode {
  return {
    tenantId: newGuid(),
    clientId: newGuid(),
    userId: newGuid(),
    redirectUri: 'https://app.example/callback',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
    familyId: newFamilyId(),
    data: { scope: 'openid profile offline_access', nonce: 'n-0S6_WzA2Mj' },
    ...overrides,
  };
}

export function protocolStateTokenCases(suite: Suite): void {
  const stateAt = (clock = manualClock()) => ({ clock, state: createProtocolState(suite.storage, { now: clock.now }) });

  describe('protocol state: authorization codes', () => {
    it('redeems a code once with its bindings; a second redemption is a replay naming its family', async () => {
      const { state } = stateAt();
      const handle = newHandle('ac');
      const code = newCode();
      await state.codes.put(handle, code);
      const first = await state.codes.consume(handle);
      assert.equal(first.status, 'ok');
      assert.ok(first.status === 'ok');
      assert.deepEqual(
        { ...first.code, createdAt: undefined, expiresAt: undefined, consumedAt: undefined },
        { ...code, createdAt: undefined, expiresAt: undefined, consumedAt: undefined },
      );
      assert.equal(first.code.expiresAt.getTime() - first.code.createdAt.getTime(), 10 * MINUTE);
      assert.deepEqual(await state.codes.consume(handle), { status: 'replayed', familyId: code.familyId, revoked: false });
    });

    it('revokes the refresh tokens issued from a code when the code is replayed', async () => {
      const { state } = stateAt();
      const handle = newHandle('ac');
      const code = newCode();
      await state.codes.put(handle, code);
      assert.equal((await state.codes.consume(handle)).status, 'ok');
      const rt = newHandle('rt');
      const grant = { familyId: code.familyId, tenantId: code.tenantId, userId: code.userId, clientId: code.clientId, reuseDetection: true };
      assert.equal((await state.refreshTokens.issue(rt, grant)).status, 'ok');
      assert.deepEqual(await state.codes.consume(handle), { status: 'replayed', familyId: code.familyId, revoked: true });
      assert.deepEqual(await state.refreshTokens.rotate(rt, newHandle('rt'), { clientId: code.clientId }), { status: 'revoked', familyId: code.familyId, reason: 'codeReplay' });
    });

    it('refuses to issue into the family of a code replayed before the winner issued its refresh token', async () => {
      const { state } = stateAt();
      const handle = newHandle('ac');
      const code = newCode();
      await state.codes.put(handle, code);
      assert.equal((await state.codes.consume(handle)).status, 'ok');
      assert.equal((await state.codes.consume(handle)).status, 'replayed');
      const issued = await state.refreshTokens.issue(newHandle('rt'), { familyId: code.familyId, tenantId: code.tenantId, userId: code.userId, clientId: code.clientId, reuseDetection: false });
      assert.deepEqual(issued, { status: 'revoked', reason: 'codeReplay' });
    });

    it('expires a code after 10 minutes (strictly) and tells unknown handles apart', async () => {
      const { clock, state } = stateAt();
      const [early, late] = [newHandle('ac'), newHandle('ac')];
      await state.codes.put(early, newCode());
      await state.codes.put(late, newCode());
      clock.advance(10 * MINUTE - 1);
      assert.equal((await state.codes.consume(early)).status, 'ok');
      clock.advance(1);
      assert.deepEqual(await state.codes.consume(late), { status: 'expired' });
      assert.deepEqual(await state.codes.consume(newHandle('ac')), { status: 'unknown' });
      // A handle of another kind never matches a code.
      const rt = newHandle('rt');
      assert.deepEqual(await state.codes.consume(rt), { status: 'unknown' });
    });
  });

  describe('protocol state: refresh tokens', () => {
    const familyFor = (reuseDetection: boolean, spa = false) => ({ familyId: newFamilyId(), tenantId: newGuid(), userId: newGuid(), clientId: newGuid(), reuseDetection, spa });

    it('rotates with a fresh 90-day window; a confidential client keeps its old token valid (Entra)', async () => {
      const { clock, state } = stateAt();
      const grant = familyFor(false);
      const [a, b, c] = [newHandle('rt'), newHandle('rt'), newHandle('rt')];
      const issued = await state.refreshTokens.issue(a, { ...grant, data: { scope: 'User.Read offline_access' } });
      assert.deepEqual(issued, { status: 'ok', expiresAt: new Date(clock.now().getTime() + 90 * DAY), absoluteExpiresAt: null });
      clock.advance(89 * DAY);
      const rotated = await state.refreshTokens.rotate(a, b, { clientId: grant.clientId });
      assert.ok(rotated.status === 'ok', rotated.status);
      assert.deepEqual(rotated.token.data, { scope: 'User.Read offline_access' });
      assert.equal(rotated.token.family.userId, grant.userId);
      assert.deepEqual(rotated.expiresAt, new Date(clock.now().getTime() + 90 * DAY));
      // ENTRA-COMPAT: the replaced token still works for a confidential client.
      assert.equal((await state.refreshTokens.rotate(a, c, { clientId: grant.clientId })).status, 'ok');
      // The original window ends after 90 days; b (issued at day 89) lives on.
      clock.advance(2 * DAY);
      assert.deepEqual(await state.refreshTokens.rotate(a, newHandle('rt'), { clientId: grant.clientId }), { status: 'expired', reason: 'inactivity' });
      const fromB = await state.refreshTokens.rotate(b, newHandle('rt'), { clientId: grant.clientId, data: { scope: 'Mail.Read' } });
      assert.equal(fromB.status, 'ok');
    });

    it('revokes the family when a public client presents a replaced token (RFC 9700 reuse detection)', async () => {
      const { state } = stateAt();
      const grant = familyFor(true);
      const [a, b] = [newHandle('rt'), newHandle('rt')];
      await state.refreshTokens.issue(a, grant);
      assert.equal((await state.refreshTokens.rotate(a, b, { clientId: grant.clientId })).status, 'ok');
      assert.deepEqual(await state.refreshTokens.rotate(a, newHandle('rt'), { clientId: grant.clientId }), { status: 'reused', familyId: grant.familyId });
      assert.deepEqual(await state.refreshTokens.rotate(b, newHandle('rt'), { clientId: grant.clientId }), { status: 'revoked', familyId: grant.familyId, reason: 'tokenReuse' });
    });

    it('refuses another client without rotating, and unknown tokens', async () => {
      const { state } = stateAt();
      const grant = familyFor(true);
      const a = newHandle('rt');
      await state.refreshTokens.issue(a, grant);
      assert.deepEqual(await state.refreshTokens.rotate(a, newHandle('rt'), { clientId: newGuid() }), { status: 'wrongClient' });
      assert.equal((await state.refreshTokens.find(a))?.replacedAt, null);
      assert.equal((await state.refreshTokens.rotate(a, newHandle('rt'), { clientId: grant.clientId })).status, 'ok');
      assert.deepEqual(await state.refreshTokens.rotate(newHandle('rt'), newHandle('rt'), { clientId: grant.clientId }), { status: 'unknown' });
    });

    it('caps SPA families at 24 hours from issue, whatever the rotations', async () => {
      const { clock, state } = stateAt();
      const grant = familyFor(true, true);
      const start = clock.now().getTime();
      const [a, b] = [newHandle('rt'), newHandle('rt')];
      const issued = await state.refreshTokens.issue(a, grant);
      assert.deepEqual(issued, { status: 'ok', expiresAt: new Date(start + DAY), absoluteExpiresAt: new Date(start + DAY) });
      clock.advance(23 * 60 * MINUTE);
      const rotated = await state.refreshTokens.rotate(a, b, { clientId: grant.clientId });
      assert.ok(rotated.status === 'ok');
      assert.deepEqual(rotated.expiresAt, new Date(start + DAY));
      clock.advance(60 * MINUTE);
      assert.deepEqual(await state.refreshTokens.rotate(b, newHandle('rt'), { clientId: grant.clientId }), { status: 'expired', reason: 'absolute' });
    });

    it('revokes one family, and everything of one user (tokens, sessions, unredeemed codes)', async () => {
      const { state } = stateAt();
      const tenantId = newGuid();
      const [userId, otherId, clientId] = [newGuid(), newGuid(), newGuid()];
      const tokens = [newHandle('rt'), newHandle('rt'), newHandle('rt'), newHandle('rt')];
      const families = [newFamilyId(), newFamilyId(), newFamilyId(), newFamilyId()];
      const owners = [userId, userId, userId, otherId];
      for (const [i, handle] of tokens.entries()) {
        await state.refreshTokens.issue(handle, { familyId: families[i]!, tenantId, userId: owners[i]!, clientId, reuseDetection: false });
      }
      assert.equal(await state.refreshTokens.revokeFamily(families[0]!), true);
      assert.equal(await state.refreshTokens.revokeFamily(families[0]!), false);
      assert.deepEqual(await state.refreshTokens.rotate(tokens[0]!, newHandle('rt'), { clientId }), { status: 'revoked', familyId: families[0], reason: 'revoked' });

      const session = newHandle('ss');
      await state.sessions.create(session);
      await state.sessions.addAccount(session, { tenantId, userId, authTime: new Date(), amr: ['pwd'] });
      await state.sessions.addAccount(session, { tenantId, userId: otherId, authTime: new Date(), amr: ['pwd'] });
      const code = newHandle('ac');
      await state.codes.put(code, newCode({ tenantId: 'organizations', userId, clientId }));
      const deviceCode = newHandle('dc');
      const userCode = newUserCode();
      await state.deviceCodes.put(deviceCode, userCode, { tenantId: 'organizations', clientId });
      assert.equal(await state.deviceCodes.approve(userCode, { userTenantId: tenantId, userId }), true);

      assert.deepEqual(await state.revokeUser(tenantId, userId), { refreshTokenFamilies: 2, sessionAccounts: 1, authorizationCodes: 1, deviceCodes: 1 });
      for (const i of [1, 2]) {
        assert.deepEqual(await state.refreshTokens.rotate(tokens[i]!, newHandle('rt'), { clientId }), { status: 'revoked', familyId: families[i], reason: 'userRevoked' });
      }
      assert.equal((await state.refreshTokens.rotate(tokens[3]!, newHandle('rt'), { clientId })).status, 'ok');
      assert.deepEqual((await state.sessions.get(session))?.accounts.map((a) => a.userId), [otherId]);
      assert.deepEqual(await state.codes.consume(code), { status: 'unknown' });
      assert.deepEqual(await state.deviceCodes.consume(deviceCode), { status: 'unknown' });
    });
  });

  describe('protocol state: digests only', () => {
    it('stores no handle, session cookie, device code or user code in clear', async () => {
      const { state } = stateAt();
      const [code, rt, rt2, session, deviceCode] = [newHandle('ac'), newHandle('rt'), newHandle('rt'), newHandle('ss'), newHandle('dc')];
      const userCode = newUserCode();
      const c = newCode();
      await state.codes.put(code, c);
      await state.refreshTokens.issue(rt, { familyId: c.familyId, tenantId: c.tenantId, userId: c.userId, clientId: c.clientId, reuseDetection: true });
      await state.refreshTokens.rotate(rt, rt2, { clientId: c.clientId });
      await state.sessions.create(session, { csrf: 'bound' });
      await state.sessions.addAccount(session, { tenantId: c.tenantId, userId: c.userId, authTime: new Date(), amr: ['pwd', 'mfa'], clientId: c.clientId });
      await state.deviceCodes.put(deviceCode, userCode, { tenantId: c.tenantId, clientId: c.clientId });
      const stored = (await allStoredText(suite.storage)).join('\n');
      for (const secret of [code, rt, rt2, session, deviceCode, userCode]) assert.ok(!stored.includes(secret), 'a handle is stored in clear');
      // What is stored instead: the digests, as primary keys.
      const db = suite.storage.db;
      assert.ok(await db.selectFrom('authorization_codes').select('code_digest').where('code_digest', '=', handleDigest(code)).executeTakeFirst());
      assert.ok(await db.selectFrom('refresh_tokens').select('token_digest').where('token_digest', '=', handleDigest(rt2)).executeTakeFirst());
      assert.ok(await db.selectFrom('sso_sessions').select('session_digest').where('session_digest', '=', handleDigest(session)).executeTakeFirst());
      assert.ok(await db.selectFrom('device_codes').select('user_code_digest').where('user_code_digest', '=', handleDigest(userCode)).executeTakeFirst());
      assert.match(code, /^ac1\.[A-Za-z0-9_-]{43}$/);
      assert.match(userCode, /^[A-Z0-9]{9}$/);
    });
  });
}
