/** Secrets and certificates: pure functions of src/directory/credentials.ts. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateSecret, hashSecret, hashSuppliedSecret, parseCertificate, secretHint, verifySecret } from '../../../src/directory/credentials.js';
import { ValidationError } from '../../../src/directory/errors.js';
import {
  TEST_CERTIFICATE_NOT_AFTER,
  TEST_CERTIFICATE_NOT_BEFORE,
  TEST_CERTIFICATE_PEM,
  TEST_CERTIFICATE_SHA1_HEX,
  TEST_CERTIFICATE_SHA256_HEX,
} from '../../storage/fixtures/certificate.js';

const hexToBase64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

describe('client secrets', () => {
  it('generates 40-character secrets from the Entra-like alphabet, all different', () => {
    const secrets = Array.from({ length: 200 }, () => generateSecret());
    for (const secret of secrets) assert.match(secret, /^[A-Za-z0-9~._-]{40}$/);
    assert.equal(new Set(secrets).size, secrets.length);
    // Every symbol class shows up across 8,000 characters (a stuck generator would not).
    const all = secrets.join('');
    for (const c of ['A', 'z', '0', '~', '.', '_', '-']) assert.ok(all.includes(c), c);
  });

  it('hashes with base64url SHA-256 (known vector)', () => {
    // SHA-256("abc") = ba7816bf…15ad (FIPS 180-2 test vector).
    assert.equal(hashSecret('abc'), hexToBase64url('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));
    assert.equal(hashSecret('abc').length, 43);
  });

  it('verifies the right secret only', async () => {
    const secret = generateSecret();
    const digest = hashSecret(secret);
    assert.equal(await verifySecret(secret, digest), true);
    assert.equal(await verifySecret(secret.slice(0, -1), digest), false);
    assert.equal(await verifySecret(`${secret} `, digest), false);
    assert.equal(await verifySecret('', digest), false);
    assert.equal(await verifySecret(secret, ''), false);
    assert.equal(await verifySecret(secret, 'short'), false);
    assert.equal(await verifySecret(secret, createHash('sha1').update(secret).digest('base64url')), false);
  });

  it('hashes a supplied value with salted scrypt and verifies it (and only it)', async () => {
    const [a, b] = await Promise.all([hashSuppliedSecret('orders-web-secret'), hashSuppliedSecret('orders-web-secret')]);
    assert.match(a, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b, 'fresh salt per value');
    assert.equal(await verifySecret('orders-web-secret', a, 'k1'), true);
    // Remembered for k1 only; a wrong value is never remembered.
    assert.equal(await verifySecret('orders-web-secret', a, 'k1'), true);
    assert.equal(await verifySecret('orders-web-secreT', a, 'k1'), false);
    assert.equal(await verifySecret('orders-web-secret', b, 'k2'), true);
    // The digest's FIRST character: all six of its bits are data (the last one's low bits are padding).
    const tampered = a.replace(/\$(.)([^$]*)$/, (_, c: string, rest: string) => `$${c === 'A' ? 'B' : 'A'}${rest}`);
    assert.notEqual(tampered, a);
    assert.equal(await verifySecret('orders-web-secret', tampered, 'k1'), false);
    assert.equal(await verifySecret('orders-web-secret', '$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), false);
  });

  it('hints with the first three characters', () => {
    assert.equal(secretHint('abcdef'), 'abc');
    assert.equal(secretHint('ab'), 'ab');
  });
});

describe('certificates', () => {
  const der = Buffer.from(TEST_CERTIFICATE_PEM.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');

  it('derives x5t, x5t#S256, customKeyIdentifier and validity as openssl does', () => {
    const info = parseCertificate(TEST_CERTIFICATE_PEM);
    assert.equal(info.thumbprintSha1, hexToBase64url(TEST_CERTIFICATE_SHA1_HEX));
    assert.equal(info.thumbprintSha256, hexToBase64url(TEST_CERTIFICATE_SHA256_HEX));
    assert.equal(info.customKeyIdentifier, TEST_CERTIFICATE_SHA1_HEX);
    assert.equal(info.startDateTime, TEST_CERTIFICATE_NOT_BEFORE);
    assert.equal(info.endDateTime, TEST_CERTIFICATE_NOT_AFTER);
    assert.equal(info.key, der.toString('base64'));
  });

  it('accepts base64 DER and PEM with CRLF and surrounding text alike', () => {
    const expected = parseCertificate(TEST_CERTIFICATE_PEM);
    assert.deepEqual(parseCertificate(der.toString('base64')), expected);
    assert.deepEqual(parseCertificate(`subject=CN=x\r\n${TEST_CERTIFICATE_PEM.replace(/\n/g, '\r\n')}\r\n`), expected);
  });

  it('rejects what is not a certificate with a typed error', () => {
    for (const input of ['', 'not base64 at all!', Buffer.from('hello world').toString('base64'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', der.subarray(0, 100).toString('base64')]) {
      assert.throws(() => parseCertificate(input), (error: unknown) => error instanceof ValidationError && error.code === 'InvalidKeyCredential', input);
    }
  });
});
