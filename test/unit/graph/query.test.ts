/**
 * Query options, `$select`, `$top`, `$count`, `$skiptoken` and nextLinks (graph.md §1.5, §1.6).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextLink, parseCountOption, parseTop } from '../../../src/graph/odata/paging.js';
import { parseQueryOptions } from '../../../src/graph/odata/query-options.js';
import { parseSelect } from '../../../src/graph/odata/select.js';
import { decodeSkipToken, encodeSkipToken } from '../../../src/graph/odata/skiptoken.js';
import { userSchema } from '../../../src/graph/users/schema.js';
import { refused } from './helpers.js';


describe('query options', () => {
  it('reads $-options case-insensitively, with or without $, and ignores other parameters', () => {
    const { values } = parseQueryOptions("$TOP=5&filter=startswith(displayName,%27J%27)&$Select=id,displayName&api-version=1&$count=true");
    assert.deepEqual(values, { top: '5', filter: "startswith(displayName,'J')", select: 'id,displayName', count: 'true' });
    assert.equal(parseQueryOptions('$filter=displayName+eq+%27a+b%27').values.filter, "displayName eq 'a b'");
  });

  it('refuses unknown $-options and repeated options', () => {
    refused(() => parseQueryOptions('$frob=1'), 400, 'BadRequest', "The query parameter '$frob' is not supported.");
    refused(() => parseQueryOptions('$top=1&top=2'), 400, 'BadRequest', "Query option '$top' was specified more than once, but it must be specified at most once.");
    refused(() => parseQueryOptions('$filter=%E0%A4%A'), 400, 'BadRequest');
  });
});

describe('$select', () => {
  it('returns canonical names in the order asked, without duplicates', () => {
    assert.deepEqual(parseSelect('DisplayName, id,displayName,accountEnabled', userSchema.canonical, userSchema.typeName), ['displayName', 'id', 'accountEnabled']);
    assert.equal(parseSelect(undefined, userSchema.canonical, userSchema.typeName), null);
    assert.equal(parseSelect('', userSchema.canonical, userSchema.typeName), null);
  });

  it("refuses an unknown property with Graph's message", () => {
    refused(
      () => parseSelect('id,x', userSchema.canonical, userSchema.typeName),
      400,
      'BadRequest',
      "Parsing OData Select and Expand failed: Could not find a property named 'x' on type 'microsoft.graph.user'.",
    );
  });
});

describe('$top and $count', () => {
  it('pages 1..999, default 100', () => {
    assert.equal(parseTop(undefined), 100);
    assert.equal(parseTop('1'), 1);
    assert.equal(parseTop('999'), 999);
    refused(() => parseTop('1000'), 400, 'Request_BadRequest', "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    refused(() => parseTop('0'), 400, 'Request_BadRequest');
    refused(() => parseTop('abc'), 400, 'BadRequest');
    refused(() => parseTop('2.5'), 400, 'BadRequest');
  });

  it('reads $count as an OData Boolean', () => {
    assert.equal(parseCountOption(undefined), false);
    assert.equal(parseCountOption('true'), true);
    assert.equal(parseCountOption('FALSE'), false);
    refused(() => parseCountOption('yes'), 400, 'BadRequest');
  });
});

describe('$skiptoken and nextLink', () => {
  it('round-trips the cursor and the advanced-query state', () => {
    for (const token of [{ cursor: 'abc', advanced: true }, { cursor: 'eyJrIjoieCJ9', advanced: false }]) {
      const encoded = encodeSkipToken(token);
      assert.match(encoded, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeSkipToken(encoded), token);
    }
  });

  it('refuses tokens it did not make', () => {
    for (const bad of ['', 'not base64!', Buffer.from('{"x":1}').toString('base64url'), Buffer.from('[]').toString('base64url'), 'a'.repeat(2000)]) {
      refused(() => decodeSkipToken(bad), 400, 'Request_BadRequest');
    }
  });

  it('repeats the original query options as sent and replaces any previous skiptoken', () => {
    const ctx = { origin: 'https://localhost:8443', version: 'v1.0' as const, rawPath: '/users' };
    assert.equal(
      nextLink({ ...ctx, query: parseQueryOptions('$top=2&$filter=startswith(displayName,%27A%27)&$skiptoken=old') }, 'NEW'),
      "https://localhost:8443/v1.0/users?$top=2&$filter=startswith(displayName,%27A%27)&$skiptoken=NEW",
    );
    assert.equal(nextLink({ ...ctx, query: parseQueryOptions('') }, 'T'), 'https://localhost:8443/v1.0/users?$skiptoken=T');
    assert.equal(nextLink({ ...ctx, query: parseQueryOptions('SkipToken=old&$top=3') }, 'T'), 'https://localhost:8443/v1.0/users?$top=3&$skiptoken=T');
  });
});
