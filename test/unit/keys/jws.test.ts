import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { decodeBase64, decodeBase64url, decodeBase64urlText, encodeBase64, encodeBase64url } from '../../../src/lib/base64url.js';
import { signJwt } from '../../../src/tokens/jws.js';

describe('compact JWS signing', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('produces an RS256 JWS that jose verifies, with the exact header', async () => {
    const token = await signJwt({ aud: 'api', n: 1 }, { kid: 'k1', privateKey }, { x5t: true });
    const { payload, protectedHeader } = await compactVerify(token, publicKey);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), { aud: 'api', n: 1 });
    assert.deepEqual(protectedHeader, { typ: 'JWT', alg: 'RS256', x5t: 'k1', kid: 'k1' });
    assert.deepEqual(decodeProtectedHeader(await signJwt({}, { kid: 'k1', privateKey })), { typ: 'JWT', alg: 'RS256', kid: 'k1' });
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{342}$/);
  });

  it('refuses header members the signer owns', async () => {
    for (const name of ['alg', 'kid', 'x5t', 'crit']) {
      await assert.rejects(signJwt({}, { kid: 'k1', privateKey }, { headerExtra: { [name]: 'x' } }), TypeError);
    }
  });
});

describe('base64url helpers', () => {
  it('round-trips and rejects foreign alphabets', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xfe, 0x00]);
    assert.equal(encodeBase64url(bytes), '-__-AA');
    assert.deepEqual(decodeBase64url('-__-AA'), bytes);
    assert.equal(encodeBase64(bytes), '+//+AA==');
    assert.deepEqual(decodeBase64('+//+\nAA=='), bytes);
    assert.equal(decodeBase64urlText('w6k'), 'é');
    assert.throws(() => decodeBase64url('+//+'), TypeError);
    assert.throws(() => decodeBase64('-__-'), TypeError);
  });
});
