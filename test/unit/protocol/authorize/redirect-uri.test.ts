import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRedirectUri, matchRedirectUri, type RegisteredRedirectUris } from '../../../../src/protocol/authorize/redirect-uri.js';

const registered: RegisteredRedirectUris = {
  web: ['https://app.example/callback', 'http://localhost:3000/cb', 'https://bare.example'],
  spa: ['https://spa.example/'],
  publicClient: ['http://localhost', 'http://127.0.0.1/native', 'msal1234://auth'],
};

describe('matchRedirectUri (protocol.md §15.4)', () => {
  it('matches exact URIs to their platform', () => {
    assert.deepEqual(matchRedirectUri('https://app.example/callback', registered), { platform: 'web', redirectUri: 'https://app.example/callback' });
    assert.equal(matchRedirectUri('https://spa.example/', registered)?.platform, 'spa');
    assert.equal(matchRedirectUri('msal1234://auth', registered)?.platform, 'publicClient');
    assert.equal(matchRedirectUri('http://localhost:3000/cb', registered)?.platform, 'web');
  });

  it('treats a path-less URI and the same URI with / as one', () => {
    assert.equal(matchRedirectUri('https://bare.example/', registered)?.platform, 'web');
    assert.equal(matchRedirectUri('https://spa.example', registered)?.platform, 'spa');
  });

  it('refuses near misses', () => {
    for (const uri of [
      'https://app.example/Callback',
      'https://app.example/callback/',
      'https://app.example/callback?x=1',
      'https://app.example/x/%2e%2e/callback',
      'https://app.example/x/../callback',
      'https://evil@app.example/callback',
      'https://app.example@evil.example/callback',
      'https://app.example:444/callback',
      'http://app.example/callback',
      'https://app.example/callback#frag',
      'https://app.example/callback ',
      'http://localhost:3001/cb',
      'javascript:alert(1)',
      '',
    ]) {
      assert.equal(matchRedirectUri(uri, registered), null, uri);
    }
  });

  it('ignores the port of publicClient loopback URIs only', () => {
    assert.deepEqual(matchRedirectUri('http://localhost:53172', registered), { platform: 'publicClient', redirectUri: 'http://localhost:53172' });
    assert.equal(matchRedirectUri('http://localhost:53172/', registered)?.platform, 'publicClient');
    assert.equal(matchRedirectUri('http://127.0.0.1:8400/native', registered)?.platform, 'publicClient');
    assert.equal(matchRedirectUri('http://127.0.0.1:8400/other', registered), null);
    assert.equal(matchRedirectUri('http://localhost:8400/x', registered), null);
    assert.equal(matchRedirectUri('http://127.0.0.1:8400', registered), null, 'localhost and 127.0.0.1 are not the same registration');
    assert.equal(matchRedirectUri('http://localhost:99999', registered), null);
    assert.equal(matchRedirectUri('http://user@localhost:8400', registered), null);
  });

  it('defaults to the first registered URI', () => {
    assert.equal(defaultRedirectUri(registered)?.redirectUri, 'https://app.example/callback');
    assert.equal(defaultRedirectUri({ web: [], spa: [], publicClient: [] }), null);
  });
});
