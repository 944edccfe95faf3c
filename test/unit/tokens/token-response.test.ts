import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenTimes } from '../../../src/tokens/lifetime.js';
import { v1AccessTokenResponse, v2AccessTokenResponse } from '../../../src/tokens/token-response.js';

const times = tokenTimes(new Date('2026-01-01T00:00:00Z'), 3599);
const now = Date.parse('2026-01-01T00:00:00Z') / 1000;

describe('token response fields (protocol.md §11)', () => {
  it('v2: integers, exactly these four fields', () => {
    assert.deepEqual(v2AccessTokenResponse('AT', times), { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'AT' });
  });

  it('v1: strings, expires_on/not_before, the resource as sent (§9.2)', () => {
    const body = v1AccessTokenResponse('AT', times, 'https://graph.microsoft.com/');
    assert.deepEqual(body, {
      token_type: 'Bearer',
      expires_in: '3599',
      ext_expires_in: '3599',
      expires_on: String(now + 3599),
      not_before: String(now - 300),
      resource: 'https://graph.microsoft.com/',
      access_token: 'AT',
    });
    // protocol.md §9.2: expires_on − not_before = expires_in + ~300.
    assert.equal(Number(body.expires_on) - Number(body.not_before), 3899);
  });

  it('v2 user flows: scope after token_type, then refresh_token, id_token, client_info as given (§5.1)', () => {
    const body = v2AccessTokenResponse('AT', times, { scope: 'User.Read openid profile offline_access', refreshToken: 'RT', idToken: 'IDT', clientInfo: 'CI' });
    assert.deepEqual(Object.entries(body), [
      ['token_type', 'Bearer'],
      ['scope', 'User.Read openid profile offline_access'],
      ['expires_in', 3599],
      ['ext_expires_in', 3599],
      ['access_token', 'AT'],
      ['refresh_token', 'RT'],
      ['id_token', 'IDT'],
      ['client_info', 'CI'],
    ]);
  });

  it('v2 user flows: no refresh_token, id_token or client_info unless given', () => {
    assert.deepEqual(v2AccessTokenResponse('AT', times, { scope: 'User.Read' }), { token_type: 'Bearer', scope: 'User.Read', expires_in: 3599, ext_expires_in: 3599, access_token: 'AT' });
  });

  it('v1 user flows: strings, resource, then the tokens (§9.2 sample order)', () => {
    const body = v1AccessTokenResponse('AT', times, 'https://api.contoso.com', { scope: 'user_impersonation', refreshToken: 'RT', idToken: 'IDT' });
    assert.deepEqual(Object.keys(body), ['token_type', 'scope', 'expires_in', 'ext_expires_in', 'expires_on', 'not_before', 'resource', 'access_token', 'refresh_token', 'id_token']);
    assert.equal(body.scope, 'user_impersonation');
    assert.equal(body.expires_in, '3599');
  });
});
