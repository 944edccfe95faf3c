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
});
