/**
 * `$filter` → FilterExpr (graph.md §1.6): the OData subset we parse, the whitelist of user
 * properties, default vs advanced queries, and Graph's error codes and messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFilterExpr } from '../../../src/graph/odata/filter.js';
import { parseFilter } from '../../../src/graph/odata/filter-parser.js';
import { groupSchema } from '../../../src/graph/groups/schema.js';
import { userSchema } from '../../../src/graph/users/schema.js';
import { refused } from './helpers.js';

const users = (text: string, advanced = false) => toFilterExpr(parseFilter(text), userSchema, advanced);


const ADVANCED = /Try adding \$count=true query parameter and ConsistencyLevel:eventual header\. Refer to https:\/\/aka\.ms\/graph-docs\/advanced-queries for more information$/;

describe('$filter translation', () => {
  it('translates eq on strings, GUIDs and booleans, with canonical property names', () => {
    assert.deepEqual(users("displayName eq 'Alice Adams'"), { op: 'eq', property: 'displayName', value: 'Alice Adams' });
    assert.deepEqual(users("DISPLAYNAME eq 'x'"), { op: 'eq', property: 'displayName', value: 'x' });
    assert.deepEqual(users('accountEnabled eq false'), { op: 'eq', property: 'accountEnabled', value: false });
    assert.deepEqual(users("id EQ '12345678-73a6-4952-a53a-e9916737ff7f'"), { op: 'eq', property: 'id', value: '12345678-73a6-4952-a53a-e9916737ff7f' });
  });

  it('translates startswith and startsWith, doubled quotes, and/or with parentheses', () => {
    assert.deepEqual(users("startswith(displayName,'J')"), { op: 'startswith', property: 'displayName', value: 'J' });
    assert.deepEqual(users("startsWith(userPrincipalName, 'o''neil')"), { op: 'startswith', property: 'userPrincipalName', value: "o'neil" });
    assert.deepEqual(users("(givenName eq 'A' or givenName eq 'B') and accountEnabled eq true"), {
      op: 'and',
      left: { op: 'or', left: { op: 'eq', property: 'givenName', value: 'A' }, right: { op: 'eq', property: 'givenName', value: 'B' } },
      right: { op: 'eq', property: 'accountEnabled', value: true },
    });
    // `and` binds tighter than `or`.
    assert.deepEqual(users("mail eq 'a' or mail eq 'b' and surname eq 'c'"), {
      op: 'or',
      left: { op: 'eq', property: 'mail', value: 'a' },
      right: { op: 'and', left: { op: 'eq', property: 'mail', value: 'b' }, right: { op: 'eq', property: 'surname', value: 'c' } },
    });
  });

  it('translates in (wherever eq works by default)', () => {
    assert.deepEqual(users("jobTitle in ('Sales Lead', 'CEO')"), { op: 'in', property: 'jobTitle', values: ['Sales Lead', 'CEO'] });
  });

  it('allows null comparisons and advanced-only properties only in advanced queries', () => {
    refused(() => users('displayName eq null'), 400, 'Request_UnsupportedQuery', ADVANCED);
    assert.deepEqual(users('displayName eq null', true), { op: 'eq', property: 'displayName', value: null });
    refused(() => users("officeLocation eq 'Seattle'"), 400, 'Request_UnsupportedQuery', /^Operator 'eq' is not supported/);
    assert.deepEqual(users("officeLocation eq 'Seattle'", true), { op: 'eq', property: 'officeLocation', value: 'Seattle' });
    // mail has no null comparison at all (graph.md §1.6 table).
    refused(() => users('mail eq null', true), 400, 'Request_UnsupportedQuery', "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'.");
  });

  it("answers endsWith without an advanced query with Graph's exact message (graph.md §1.6)", () => {
    refused(
      () => users("endsWith(userPrincipalName,'#EXT#@contoso.com')"),
      400,
      'Request_UnsupportedQuery',
      "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    );
    refused(() => users("ne eq 'x'"), 400, 'BadRequest');
    refused(() => users("displayName ne 'x'"), 400, 'Request_UnsupportedQuery', /^Operator 'ne' is not supported/);
    refused(() => users("not startswith(displayName,'a')"), 400, 'Request_UnsupportedQuery', /^Operator 'not' is not supported/);
  });

  it('refuses properties outside the whitelist and operators we do not translate', () => {
    const clause = (p: string, r = 'User') => `Unsupported or invalid query filter clause specified for property '${p}' of resource '${r}'.`;
    refused(() => users("createdDateTime ge 2021-11-01"), 400, 'Request_UnsupportedQuery', clause('createdDateTime'));
    refused(() => users("department eq 'x'"), 400, 'Request_UnsupportedQuery', clause('department'));
    refused(() => users("nonsense eq 'x'"), 400, 'Request_UnsupportedQuery', clause('nonsense'));
    refused(() => users("startswith(jobTitle,'S')"), 400, 'Request_UnsupportedQuery', clause('jobTitle'));
    refused(() => users("otherMails/any(c:c eq 'a@b.c')"), 400, 'Request_UnsupportedQuery', clause('otherMails'));
    refused(() => users("tolower(displayName) eq 'x'"), 400, 'Request_UnsupportedQuery', clause('displayName'));
    refused(() => users("contains(displayName,'x')"), 400, 'Request_UnsupportedQuery', clause('displayName'));
    refused(() => users('displayName eq givenName'), 400, 'Request_UnsupportedQuery', clause('givenName'));
    refused(() => toFilterExpr(parseFilter("createdDateTime ge 2021-11-01"), groupSchema, true), 400, 'Request_UnsupportedQuery', clause('createdDateTime', 'Group'));
  });

  it('refuses literals of the wrong type and unknown functions as BadRequest', () => {
    refused(() => users("accountEnabled eq 'true'"), 400, 'BadRequest', /^A binary operator with incompatible types was detected\. Found operand types 'Edm\.Boolean' and 'Edm\.String'/);
    refused(() => users('displayName eq 42'), 400, 'BadRequest', /incompatible types/);
    refused(() => users("frobnicate(displayName,'x')"), 400, 'BadRequest', /^An unknown function with name 'frobnicate' was found/);
  });

  it('refuses malformed expressions as BadRequest syntax errors', () => {
    for (const text of ["displayName eq", "displayName 'x'", "(displayName eq 'x'", "displayName eq 'x')", "startswith(displayName,'x'", "and", "displayName eq 'x' and"]) {
      refused(() => users(text), 400, 'BadRequest', /^Invalid filter clause: Syntax error at position \d+ in '/);
    }
    refused(() => users("displayName eq 'unterminated"), 400, 'BadRequest', "Invalid filter clause: There is an unterminated string literal at position 15 in 'displayName eq 'unterminated'.");
  });

  it('bounds nesting and length', () => {
    refused(() => users(`${'('.repeat(40)}displayName eq 'x'${')'.repeat(40)}`), 400, 'Request_UnsupportedQuery');
    refused(() => users(`displayName eq '${'x'.repeat(5000)}'`), 400, 'Request_UnsupportedQuery');
  });
});
