/** web/cookies.ts: the session cookie's exact attributes, clearing, and Cookie header parsing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearSessionCookie, parseCookies, sessionCookie, sessionCookieName } from '../../src/web/cookies.js';

describe('session cookie', () => {
  it('over HTTPS: __Host- prefix, Path=/, Secure, HttpOnly, SameSite=None, no Domain — even under a path prefix', () => {
    assert.equal(sessionCookie('abc_-123', { secure: true, pathPrefix: '/tessera' }), '__Host-tessera_session=abc_-123; Path=/; Secure; HttpOnly; SameSite=None');
    assert.equal(sessionCookie('v', { secure: true, maxAgeSeconds: 7776000 }), '__Host-tessera_session=v; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=7776000');
    assert.equal(sessionCookieName({ secure: true }), '__Host-tessera_session');
  });

  it('without TLS: no prefix, no Secure, SameSite=Lax, scoped to the path prefix', () => {
    assert.equal(sessionCookie('v', { secure: false, pathPrefix: '/tessera' }), 'tessera_session=v; Path=/tessera/; HttpOnly; SameSite=Lax');
    assert.equal(sessionCookie('v', { secure: false }), 'tessera_session=v; Path=/; HttpOnly; SameSite=Lax');
  });

  it('clears with the same name, path and flags, Max-Age=0 and an expiry in the past', () => {
    assert.equal(clearSessionCookie({ secure: true }), '__Host-tessera_session=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('refuses a value that could inject attributes', () => {
    for (const bad of ['a; Domain=evil.example', 'a b', 'a,b', 'a"b', 'a\\b', 'é']) assert.throws(() => sessionCookie(bad, { secure: true }), /cookie-octet/);
  });
});

describe('parseCookies', () => {
  it('reads pairs, trims, keeps the first of a name, ignores malformed pairs', () => {
    const cookies = parseCookies('__Host-tessera_session=abc; other=1;  broken ; =x; other=2; empty=; q="quoted"; eq=a=b');
    assert.deepEqual([...cookies], [['__Host-tessera_session', 'abc'], ['other', '1'], ['empty', ''], ['q', '"quoted"'], ['eq', 'a=b']]);
  });

  it('handles a missing header and an array of headers', () => {
    assert.equal(parseCookies(undefined).size, 0);
    assert.equal(parseCookies('').size, 0);
    assert.deepEqual([...parseCookies(['a=1', 'b=2'])], [['a', '1'], ['b', '2']]);
  });
});
