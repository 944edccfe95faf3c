import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OAuthError } from '../../../src/protocol/errors.js';
import { clientCredentialsResource, resourceOfDefaultScope, splitScopes } from '../../../src/protocol/scopes.js';

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof OAuthError) return error.aadsts;
    throw error;
  }
  return undefined;
}

describe('scope parsing (protocol.md §10)', () => {
  it('splits on spaces and drops empty entries', () => {
    assert.deepEqual(splitScopes('  openid  profile User.Read '), ['openid', 'profile', 'User.Read']);
    assert.deepEqual(splitScopes(''), []);
  });

  it('takes the resource in front of /.default, keeping a trailing slash of the identifier (§10.1)', () => {
    assert.equal(resourceOfDefaultScope('https://graph.microsoft.com/.default'), 'https://graph.microsoft.com');
    assert.equal(resourceOfDefaultScope('https://management.azure.com//.default'), 'https://management.azure.com/');
    assert.equal(resourceOfDefaultScope('api://0b1c2d3e-0000-4000-8000-000000000001/.default'), 'api://0b1c2d3e-0000-4000-8000-000000000001');
    assert.equal(resourceOfDefaultScope('0b1c2d3e-0000-4000-8000-000000000001/.DEFAULT'), '0b1c2d3e-0000-4000-8000-000000000001');
    assert.equal(resourceOfDefaultScope('/.default'), null);
    assert.equal(resourceOfDefaultScope('.default'), null);
    assert.equal(resourceOfDefaultScope('https://graph.microsoft.com/User.Read.All'), null);
  });
});

describe('client credentials scope (protocol.md §5.3)', () => {
  it('accepts exactly one {resource}/.default', () => {
    assert.equal(clientCredentialsResource('https://graph.microsoft.com/.default'), 'https://graph.microsoft.com');
    assert.equal(clientCredentialsResource(' api://x/.default '), 'api://x');
  });

  it('refuses a named permission or a bare .default with AADSTS1002012', () => {
    assert.equal(codeOf(() => clientCredentialsResource('https://graph.microsoft.com/User.Read.All')), 1002012);
    assert.equal(codeOf(() => clientCredentialsResource('User.Read')), 1002012);
    assert.equal(codeOf(() => clientCredentialsResource('.default')), 1002012);
  });

  it('refuses several scopes or a comma list with AADSTS70011', () => {
    assert.equal(codeOf(() => clientCredentialsResource('https://graph.microsoft.com/.default api://x/.default')), 70011);
    assert.equal(codeOf(() => clientCredentialsResource('https://graph.microsoft.com/.default offline_access')), 70011);
    assert.equal(codeOf(() => clientCredentialsResource('https://graph.microsoft.com/.default,api://x/.default')), 70011);
    assert.equal(codeOf(() => clientCredentialsResource('   ')), 70011);
  });

  it('names the offending scope in the message', () => {
    assert.throws(() => clientCredentialsResource('https://graph.microsoft.com/User.Read.All'), (error: OAuthError) => {
      assert.equal(error.error, 'invalid_scope');
      assert.equal(error.status, 400);
      assert.match(error.aadstsLine, /^AADSTS1002012: The provided value for scope https:\/\/graph\.microsoft\.com\/User\.Read\.All is not valid\./);
      return true;
    });
  });
});
