/** Redirect-URI registration rules per platform (protocol.md §15.4), table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierUriProblem, redirectUriProblem, type RedirectPlatform } from '../../src/environment/redirect-uris.js';

const HTTPS = 'must be an absolute https URI';
const cases: Array<[RedirectPlatform, string, string | null, { allowQuery?: boolean }?]> = [
  ['web', 'https://app.example.com/callback', null],
  ['web', 'http://localhost:3000/cb', null],
  ['web', 'http://localhost/cb', null],
  ['web', 'http://127.0.0.1:8400/', null],
  ['spa', 'https://spa.example.com/', null],
  ['web', 'http://app.example.com/cb', `${HTTPS} (http only for http://localhost and http://127.0.0.1)`],
  ['spa', 'http://10.0.0.1/cb', `${HTTPS} (http only for http://localhost and http://127.0.0.1)`],
  ['web', 'http://[::1]:3000/cb', 'must not use [::1]; use http://localhost or http://127.0.0.1'],
  ['web', '/relative/callback', HTTPS],
  ['web', 'msalabc://auth', HTTPS],
  ['spa', 'javascript://alert(1)', 'must not use the javascript: scheme'],
  ['web', 'https://*.example.com/cb', 'must not contain wildcards (*)'],
  ['web', 'https://app.example.com/cb#frag', 'must not contain a fragment (RFC 6749 §3.1.2)'],
  ['web', "https://app.example.com/it's", "must not contain any of ! $ ' ( ) , ;"],
  ['web', 'https://user:pw@app.example.com/cb', 'must not contain user credentials'],
  ['web', `https://app.example.com/${'a'.repeat(240)}`, 'must be at most 256 characters'],
  ['web', 'https://app.example.com/cb?x=1', null],
  ['web', 'https://app.example.com/cb?x=1', 'must not contain a query string in an app that personal accounts can use', { allowQuery: false }],
  ['publicClient', 'msal5c0e0000-0000-4000-8000-0000000000a1://auth', null],
  ['publicClient', 'https://login.microsoftonline.com/common/oauth2/nativeclient', null],
  ['publicClient', 'http://localhost', null],
  ['publicClient', 'com.contoso.app://callback', null],
  ['publicClient', 'mailto:someone@example.com', 'must be an absolute URI of the form scheme://…'],
  ['publicClient', 'not a uri', 'must be an absolute URI'],
  ['publicClient', 'file:///etc/passwd', 'must not use the file: scheme'],
];

describe('redirect URI rules', () => {
  for (const [platform, uri, expected, options] of cases) {
    it(`${platform} ${uri.slice(0, 60)} → ${expected ?? 'accepted'}${options ? ' (MSA app)' : ''}`, () => {
      assert.equal(redirectUriProblem(uri, platform, options), expected);
    });
  }
});

describe('identifier URI rules', () => {
  it('accepts api://{appId}, https and urn URIs in Entra-only apps', () => {
    for (const uri of ['api://{appId}', 'api://5c0e0000-0000-4000-8000-0000000000a1', 'https://orders.contoso.example/', 'urn:contoso:orders']) {
      assert.equal(identifierUriProblem(uri, { msa: false }), null, uri);
    }
  });
  it('refuses wildcards, relative values, and urn: or query strings in apps personal accounts use', () => {
    assert.equal(identifierUriProblem('api://*', { msa: false }), 'must not contain wildcards (*)');
    assert.match(identifierUriProblem('orders', { msa: false }) ?? '', /^must be an absolute URI/);
    assert.equal(identifierUriProblem('urn:contoso:orders', { msa: true }), 'must not be a urn: in an app that personal accounts can use');
    assert.equal(identifierUriProblem('https://contoso.example/api?v=1', { msa: true }), 'must not contain a query string in an app that personal accounts can use');
  });
});
