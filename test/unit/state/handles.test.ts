/** Handles of the protocol-state store (src/state/handles.ts): format, digest, user codes. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { handleDigest, newHandle, newUserCode, normalizeUserCode } from '../../../src/state/index.js';

describe('protocol-state handles', () => {
  it('are <kind>1.<256 random bits in base64url>, all different', () => {
    const handles = new Set(Array.from({ length: 200 }, () => newHandle('rt')));
    assert.equal(handles.size, 200);
    for (const handle of handles) {
      assert.match(handle, /^rt1\.[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(handle.slice(4), 'base64url').length, 32);
    }
    assert.match(newHandle('ac'), /^ac1\./);
    assert.match(newHandle('ss'), /^ss1\./);
    assert.match(newHandle('dc'), /^dc1\./);
  });

  it('are stored as base64url SHA-256 of the whole handle', () => {
    assert.equal(handleDigest('abc'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    const handle = newHandle('ac');
    assert.equal(handleDigest(handle), createHash('sha256').update(handle).digest('base64url'));
    assert.notEqual(handleDigest(handle), handleDigest(handle.toUpperCase()));
  });

  it('make 9-character user codes without look-alike characters, matched however they are typed', () => {
    for (let i = 0; i < 200; i++) assert.match(newUserCode(), /^[ACDEFGHJKMNPQRTUVWXY34679]{9}$/);
    assert.equal(normalizeUserCode(' cyel-6nbmf '), 'CYEL6NBMF');
    assert.equal(handleDigest(normalizeUserCode('cyel 6nb-mf')), handleDigest('CYEL6NBMF'));
  });
});
