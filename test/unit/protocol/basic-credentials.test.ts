import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBasicAuthorization } from '../../../src/protocol/client-auth/basic.js';
import { readPresentedCredentials } from '../../../src/protocol/client-auth/presented.js';
import { OAuthError } from '../../../src/protocol/errors.js';

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('HTTP Basic client credentials (RFC 6749 §2.3.1)', () => {
  it('decodes the form-urlencoded id and secret', () => {
    assert.deepEqual(parseBasicAuthorization(basic('client:s3cret')), { clientId: 'client', clientSecret: 's3cret' });
    // openid-client encodes with encodeURIComponent and `+` for spaces.
    assert.deepEqual(parseBasicAuthorization(basic('client:a%2Bb%3Ac+d~._-')), { clientId: 'client', clientSecret: 'a+b:c d~._-' });
    assert.deepEqual(parseBasicAuthorization(`bAsIc   ${Buffer.from('c:x:y').toString('base64')}`), { clientId: 'c', clientSecret: 'x:y' });
  });

  it('ignores an absent header and other schemes', () => {
    assert.equal(parseBasicAuthorization(undefined), null);
    assert.equal(parseBasicAuthorization('Bearer abc.def.ghi'), null);
  });

  it('refuses malformed Basic credentials as invalid_client (AADSTS50012)', () => {
    for (const header of ['Basic', 'Basic !!!', basic('no-colon'), basic(':secret-without-id'), basic('client:'), basic('client:%zz')]) {
      assert.throws(() => parseBasicAuthorization(header), (error: OAuthError) => error.aadsts === 50012 && error.status === 401 && error.error === 'invalid_client', header);
    }
  });
});

describe('presented client credentials (protocol.md §4.1)', () => {
  const auth = { authorization: basic('client:s3cret') };

  it('collects client_id, a body secret, Basic or an assertion; empty values count as absent', () => {
    assert.deepEqual(readPresentedCredentials({ client_id: 'c', client_secret: 's' }, {}), { clientIdParam: 'c', basic: null, secret: 's', assertion: undefined });
    assert.deepEqual(readPresentedCredentials({ client_id: '', client_secret: '' }, auth), { clientIdParam: undefined, basic: { clientId: 'client', clientSecret: 's3cret' }, secret: undefined, assertion: undefined });
    assert.deepEqual(readPresentedCredentials({ client_assertion: 'a.b.c' }, {}).assertion, { type: undefined, value: 'a.b.c' });
  });

  it('refuses two credentials at once and a client_id that differs from Basic (AADSTS9002313)', () => {
    const malformed = (error: OAuthError) => error.aadsts === 9002313 && error.status === 400;
    assert.throws(() => readPresentedCredentials({ client_secret: 's' }, auth), malformed);
    assert.throws(() => readPresentedCredentials({ client_secret: 's', client_assertion: 'a.b.c' }, {}), malformed);
    assert.throws(() => readPresentedCredentials({ client_id: 'other' }, auth), malformed);
    // Client ids are GUIDs: case does not matter.
    assert.equal(readPresentedCredentials({ client_id: 'CLIENT' }, auth).basic?.clientId, 'client');
  });
});
