import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { pairwiseSubject, pairwiseTenantKey } from '../../../src/tokens/claims/subject.js';

const SECRET = new Uint8Array(32).fill(7);
const TID = '3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f';
const OTHER_TID = '3f1c5a0e-2222-4c2d-9e8f-0a1b2c3d4e5f';
const MSA = '9188040d-6c67-4c5b-b112-36a304b66dad';
const USER = '68389ae2-62fa-4b18-91fe-53dd109d74f5';
const OTHER_USER = '68389ae2-62fa-4b18-91fe-000000000000';
const APP_A = '11111111-2222-4333-8444-555555555555';
const APP_B = '22222222-2222-4333-8444-555555555555';

function sub(tenantId: string, userObjectId: string, recipientAppId: string, secret = SECRET): string {
  return pairwiseSubject(pairwiseTenantKey(secret, tenantId), { tenantId, userObjectId, recipientAppId });
}

describe('pairwise sub (tokens.md §6)', () => {
  it('is 43 base64url characters and is stable for the same (tenant, user, app) and key', () => {
    const value = sub(TID, USER, APP_A);
    assert.match(value, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(sub(TID, USER, APP_A), value);
  });

  it('equals HMAC-SHA256 with the derived tenant key over tid, oid and appId (independent computation)', () => {
    const tenantKey = createHmac('sha256', SECRET).update(`tessera pairwise sub v1\n${TID}`).digest();
    const expected = createHmac('sha256', tenantKey).update(`${TID}\n${USER}\n${APP_A}`).digest('base64url');
    assert.equal(sub(TID, USER, APP_A), expected);
  });

  it('differs per recipient app, per user, per tenant and per key', () => {
    const values = [
      sub(TID, USER, APP_A),
      sub(TID, USER, APP_B),
      sub(TID, OTHER_USER, APP_A),
      sub(OTHER_TID, USER, APP_A),
      sub(TID, USER, APP_A, new Uint8Array(32).fill(8)),
    ];
    assert.equal(new Set(values).size, values.length);
  });

  it('ignores the case of the GUIDs', () => {
    assert.equal(sub(TID.toUpperCase(), USER.toUpperCase(), APP_A.toUpperCase()), sub(TID, USER, APP_A));
  });

  it('personal accounts: 16 zero bytes, then 16 bytes of the HMAC (the AAAAAAAAAAAAAAAAAAAAA… shape)', () => {
    const value = sub(MSA, USER, APP_A);
    assert.match(value, /^AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9_-]{22}$/);
    assert.notEqual(sub(MSA, USER, APP_B), value);
  });

  it('refuses a short secret', () => {
    assert.throws(() => pairwiseTenantKey(new Uint8Array(8), TID), RangeError);
  });
});
