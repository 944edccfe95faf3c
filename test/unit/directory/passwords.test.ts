/** User password hashing (src/lib/passwords.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, needsRehash, verifyPassword } from '../../../src/lib/passwords.js';

describe('passwords', () => {
  it('produces a PHC-like scrypt string with fresh salt each time', async () => {
    const a = await hashPassword('P@ssw0rd!');
    const b = await hashPassword('P@ssw0rd!');
    assert.match(a, /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b);
    assert.equal(needsRehash(a), false);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('Correct horse battery staple');
    assert.equal(await verifyPassword('Correct horse battery staple', stored), true);
    assert.equal(await verifyPassword('correct horse battery staple', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  it('treats Unicode-equivalent passwords as equal (NFC)', async () => {
    const stored = await hashPassword('caf\u00e9');
    assert.equal(await verifyPassword('cafe\u0301', stored), true);
  });

  it('returns false for malformed or tampered hashes instead of throwing', async () => {
    const stored = await hashPassword('x');
    const [, , params, salt, hash] = stored.split('$');
    assert.equal(await verifyPassword('x', `$scrypt$${params}$${salt}$${hash?.slice(0, -2)}AA`), false);
    assert.equal(await verifyPassword('x', `$scrypt$ln=14,r=8,p=1$${salt}$${hash}`), false);
    assert.equal(await verifyPassword('x', `$scrypt$ln=40,r=8,p=1$${salt}$${hash}`), false);
    assert.equal(await verifyPassword('x', 'plaintext'), false);
    assert.equal(await verifyPassword('x', ''), false);
    assert.equal(needsRehash('$scrypt$ln=14,r=8,p=1$' + salt + '$' + hash), true);
  });
});
