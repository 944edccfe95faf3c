/** Cursor encoding and LIKE escaping (src/storage/queries/listing.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidCursorError, UnsupportedFilterError } from '../../../src/storage/errors.js';
import { decodeCursor, encodeCursor, escapeLike, filterToSql, toPage } from '../../../src/storage/queries/listing.js';
import { USER_FILTER_PROPERTIES } from '../../../src/storage/queries/users.js';

describe('cursors', () => {
  it('round-trips keys through an opaque base64url token', () => {
    for (const key of ['6e0c8d3a-5b8f-4f3b-9d0e-2a1b3c4d5e6f', 'a', 'ключ', 'with "quotes" and \\']) {
      const cursor = encodeCursor(key);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/);
      assert.ok(!cursor.includes(key));
      assert.equal(decodeCursor(cursor), key);
    }
  });

  it('rejects anything it did not produce', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['', 'not base64!', b64('plain'), b64('{"k":1}'), b64('{"k":""}'), b64('[]'), b64('null'), 'A'.repeat(600)]) {
      assert.throws(() => decodeCursor(bad), InvalidCursorError, bad);
    }
  });
});

describe('paging helper', () => {
  it('uses the extra row only to decide that another page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(rows, 2, (r) => r.id, (r) => r.map((x) => x.id));
    assert.deepEqual(page.items, ['a', 'b']);
    assert.equal(decodeCursor(page.nextCursor ?? ''), 'b');
    const last = toPage(rows.slice(0, 2), 2, (r) => r.id, (r) => r.map((x) => x.id));
    assert.equal(last.nextCursor, null);
  });
});

describe('LIKE escaping', () => {
  it('escapes %, _ and the escape character itself', () => {
    assert.equal(escapeLike('100%'), '100\\%');
    assert.equal(escapeLike('a_b'), 'a\\_b');
    assert.equal(escapeLike('back\\slash'), 'back\\\\slash');
    assert.equal(escapeLike('plain'), 'plain');
  });
});

describe('filter translation', () => {
  it('refuses properties outside the whitelist, including prototype keys', () => {
    for (const property of ['password_hash', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.throws(() => filterToSql({ op: 'eq', property, value: 'x' }, USER_FILTER_PROPERTIES), UnsupportedFilterError, property);
    }
  });

  it('refuses type mismatches and over-complex expressions', () => {
    assert.throws(() => filterToSql({ op: 'eq', property: 'accountEnabled', value: 'true' }, USER_FILTER_PROPERTIES), UnsupportedFilterError);
    assert.throws(() => filterToSql({ op: 'eq', property: 'displayName', value: true }, USER_FILTER_PROPERTIES), UnsupportedFilterError);
    assert.throws(() => filterToSql({ op: 'startswith', property: 'accountEnabled', value: 't' }, USER_FILTER_PROPERTIES), UnsupportedFilterError);
    let deep: Parameters<typeof filterToSql>[0] = { op: 'eq', property: 'id', value: 'x' };
    for (let i = 0; i < 100; i++) deep = { op: 'or', left: deep, right: { op: 'eq', property: 'id', value: 'x' } };
    assert.throws(() => filterToSql(deep, USER_FILTER_PROPERTIES), UnsupportedFilterError);
  });
});
