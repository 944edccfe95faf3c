/** web/csp.ts: the page policy, nonces, and form-action origins. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNonce, originOf, pageCsp } from '../../src/web/csp.js';

describe('page CSP', () => {
  it('has no script-src unless the page has a script; then only its nonce', () => {
    assert.equal(pageCsp({ nonce: 'n' }), "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    assert.equal(
      pageCsp({ nonce: 'abc+/=', script: true, formActionOrigins: ['https://app.example/cb?x=1', 'https://app.example/other', 'msauth.com.contoso.app://auth'] }),
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' https://app.example msauth.com.contoso.app:; script-src 'nonce-abc+/='; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('refuses script-bearing and unparsable form targets', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'not a url', "https://a.example; script-src 'unsafe-inline'"]) {
      assert.throws(() => originOf(bad), bad);
    }
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(createNonce(), a);
  });
});
