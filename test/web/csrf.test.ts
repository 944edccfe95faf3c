/** web/csrf.ts: tokens bound to the session and the form's purpose, compared in constant time. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCsrfToken, verifyCsrfToken } from '../../src/web/csrf.js';

const secret = randomBytes(32);
const binding = { sessionId: 'session-a', purpose: 'consent:flow-1' };

describe('CSRF tokens', () => {
  it('verifies a token for the same session and purpose', () => {
    const token = createCsrfToken(secret, binding);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(createCsrfToken(secret, binding), token, 'stateless: the same binding gives the same token');
    assert.equal(verifyCsrfToken(secret, binding, token), true);
  });

  it("refuses a token of another session (an attacker's own), another purpose, or another secret", () => {
    const token = createCsrfToken(secret, binding);
    assert.equal(verifyCsrfToken(secret, { ...binding, sessionId: 'session-b' }, token), false);
    assert.equal(verifyCsrfToken(secret, { ...binding, purpose: 'sign-in' }, token), false);
    assert.equal(verifyCsrfToken(randomBytes(32), binding, token), false);
  });

  it('does not confuse field boundaries (("ab","c") vs ("a","bc"))', () => {
    const a = createCsrfToken(secret, { sessionId: 'ab', purpose: 'c' });
    assert.equal(verifyCsrfToken(secret, { sessionId: 'a', purpose: 'bc' }, a), false);
    assert.equal(verifyCsrfToken(secret, { sessionId: 'c', purpose: 'ab' }, a), false);
  });

  it('refuses tampered, truncated, missing and non-string tokens', () => {
    const token = createCsrfToken(secret, binding);
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    for (const bad of [flipped, token.slice(0, 42), `${token}A`, '', undefined, null, 42, [token], `${token.slice(0, 42)}=`]) {
      assert.equal(verifyCsrfToken(secret, binding, bad), false, String(bad));
    }
  });

  it('refuses to work with a short secret or without a session', () => {
    assert.throws(() => createCsrfToken(randomBytes(16), binding), /at least 32 bytes/);
    assert.throws(() => createCsrfToken(secret, { sessionId: '', purpose: 'x' }), /session id/);
  });
});
