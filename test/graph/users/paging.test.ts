/**
 * `GET /v1.0/users` (graph.md §1.5, §1.6): absolute nextLinks on our origin followed until
 * exhausted, `$top`, `$select`, `$filter` (eq, startswith, in, and/or), `$count` with and
 * without `ConsistencyLevel: eventual`, and `/users/$count`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, APPS, CONTOSO_USER_COUNT } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
let token: string;
const EVENTUAL = { consistencylevel: 'eventual' };

before(async () => {
  tessera = await bootGraphTessera();
  token = await appToken(tessera, APPS.reader);
});
after(() => tessera.close());

type Collection = { '@odata.context': string; '@odata.nextLink'?: string; '@odata.count'?: number; value: Array<Record<string, unknown>> };

async function list(path: string, headers: Record<string, string> = {}): Promise<Collection> {
  const response = await callGraph(tessera, path, token, headers);
  assertGraphSuccess(response);
  return response.body as Collection;
}

async function displayNames(filter: string, headers: Record<string, string> = {}): Promise<string[]> {
  const page = await list(`/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=displayName`, headers);
  return page.value.map((u) => u.displayName as string).sort();
}

describe('GET /users', () => {
  it('pages with $top=2 through absolute https nextLinks until exhausted: every user once', async () => {
    const seen: string[] = [];
    let page = await list('/v1.0/users?$top=2&$select=id,displayName');
    assert.equal(page['@odata.context'], `${tessera.url}/v1.0/$metadata#users(id,displayName)`);
    let pages = 1;
    for (;;) {
      assert.ok(page.value.length <= 2);
      for (const user of page.value) {
        assert.deepEqual(Object.keys(user), ['id', 'displayName']);
        seen.push(user.id as string);
      }
      const next = page['@odata.nextLink'];
      if (next === undefined) break;
      const url = new URL(next);
      assert.equal(url.origin, tessera.url);
      assert.equal(url.pathname, '/v1.0/users');
      assert.equal(url.searchParams.get('$top'), '2');
      assert.equal(url.searchParams.get('$select'), 'id,displayName');
      assert.ok(url.searchParams.get('$skiptoken'));
      page = await list(next);
      pages++;
    }
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    assert.equal(seen.length, CONTOSO_USER_COUNT);
    assert.equal(pages, Math.ceil(CONTOSO_USER_COUNT / 2));
  });

  it('returns the default properties of every user in one page by default', async () => {
    const page = await list('/v1.0/users');
    assert.equal(page['@odata.context'], `${tessera.url}/v1.0/$metadata#users`);
    assert.equal(page['@odata.nextLink'], undefined);
    assert.equal(page.value.length, CONTOSO_USER_COUNT);
    for (const user of page.value) {
      assert.deepEqual(Object.keys(user), ['id', 'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName']);
    }
    assert.ok(!page.value.some((u) => u.userPrincipalName === 'frank@fabrikam.onmicrosoft.com'), 'no other tenant');
  });

  it('filters with eq, startswith/startsWith, in, and/or and doubled quotes', async () => {
    assert.deepEqual(await displayNames("displayName eq 'alice adams'"), ['Alice Adams']);
    assert.deepEqual(await displayNames(`id eq '${ALICE}'`), ['Alice Adams']);
    assert.deepEqual(await displayNames("startswith(displayName,'Al')"), ['Alan Turing', 'Alice Adams']);
    assert.deepEqual(await displayNames("startsWith(userPrincipalName,'o''neil')"), ["Oscar O'Neil"]);
    assert.deepEqual(await displayNames('accountEnabled eq false'), ['Bob Brown']);
    assert.deepEqual(await displayNames("jobTitle eq 'Sales Lead' and startswith(givenName,'A')"), ['Alice Adams']);
    assert.deepEqual(await displayNames("givenName in ('Bob', 'Oscar') or surname eq 'Adams'"), ['Alice Adams', 'Bob Brown', "Oscar O'Neil"]);
    assert.deepEqual(await displayNames("startswith(displayName,'%_')"), []);
  });

  it('pages a filtered list and keeps the filter in the nextLink', async () => {
    const first = await list(`/v1.0/users?$filter=${encodeURIComponent("jobTitle eq 'Sales Lead'")}&$top=1`);
    assert.equal(first.value.length, 1);
    const second = await list(first['@odata.nextLink'] as string);
    assert.equal(second.value.length, 1);
    assert.equal(second['@odata.nextLink'], undefined);
    assert.deepEqual([first.value[0]?.jobTitle, second.value[0]?.jobTitle], ['Sales Lead', 'Sales Lead']);
  });

  it('refuses unsupported filters with Request_UnsupportedQuery and malformed ones with BadRequest', async () => {
    const call = (filter: string, headers = {}) => callGraph(tessera, `/v1.0/users?$filter=${encodeURIComponent(filter)}`, token, headers);
    assertGraphError(await call("endswith(mail,'@contoso.com')"), 400, 'Request_UnsupportedQuery', /^Operator 'endsWith' is not supported because the required parameters might be missing\./);
    assertGraphError(await call("createdDateTime ge 2021-11-01"), 400, 'Request_UnsupportedQuery', "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'User'.");
    assertGraphError(await call('displayName eq null'), 400, 'Request_UnsupportedQuery', /^Operator 'eq' is not supported/);
    assertGraphError(await call("displayName eq 'x"), 400, 'BadRequest', /^Invalid filter clause: There is an unterminated string literal/);
  });

  it('counts only with ConsistencyLevel: eventual, on the first page, and keeps the advanced query on next pages', async () => {
    const plain = await list('/v1.0/users?$count=true');
    assert.equal(plain['@odata.count'], undefined);
    const counted = await list('/v1.0/users?$count=true&$top=3&$select=displayName', EVENTUAL);
    assert.deepEqual(Object.keys(counted), ['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    assert.equal(counted['@odata.count'], CONTOSO_USER_COUNT);
    // An advanced-only filter, next page requested without the header (SDKs do not repeat it).
    const advanced = await list(`/v1.0/users?$count=true&$top=1&$filter=${encodeURIComponent("officeLocation eq 'Seattle Office'")}`, EVENTUAL);
    assert.equal(advanced['@odata.count'], 1);
    // Three users have a surname.
    const nullFilter = await list(`/v1.0/users?$count=true&$top=1&$filter=${encodeURIComponent('surname eq null')}`, EVENTUAL);
    assert.equal(nullFilter['@odata.count'], CONTOSO_USER_COUNT - 3);
    const next = await list(nullFilter['@odata.nextLink'] as string);
    assert.equal(next['@odata.count'], undefined);
    assert.equal(next.value.length, 1);
  });

  it('answers /users/$count as text with the header, 400 without it', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/users/$count', token), 400, 'Request_BadRequest', '$count is not currently supported.');
    const response = await callGraph(tessera, '/v1.0/users/$count', token, EVENTUAL);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.equal(response.text, String(CONTOSO_USER_COUNT));
    const filtered = await callGraph(tessera, `/v1.0/users/$count?$filter=${encodeURIComponent("startswith(displayName,'Al')")}`, token, EVENTUAL);
    assert.equal(filtered.text, '2');
  });

  it('validates $top and $skiptoken', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/users?$top=1000', token), 400, 'Request_BadRequest', "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    assertGraphError(await callGraph(tessera, '/v1.0/users?$top=0', token), 400, 'Request_BadRequest', /^Invalid page size/);
    assertGraphError(await callGraph(tessera, '/v1.0/users?$skiptoken=garbage!', token), 400, 'Request_BadRequest', /page token/);
    const forged = Buffer.from(JSON.stringify({ c: 'not-a-cursor', a: 0 })).toString('base64url');
    assertGraphError(await callGraph(tessera, `/v1.0/users?$skiptoken=${forged}`, token), 400, 'Request_BadRequest', /page token/);
    assert.equal((await list('/v1.0/users?$top=999')).value.length, CONTOSO_USER_COUNT);
  });

  it('refuses query options Tessera does not serve instead of ignoring them', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/users?$search="displayName:al"', token), 400, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    assertGraphError(await callGraph(tessera, '/v1.0/users?$orderby=displayName', token), 400, 'Request_UnsupportedQuery', /Sorting not supported/);
    assertGraphError(await callGraph(tessera, '/v1.0/users?$frob=1', token), 400, 'BadRequest', "The query parameter '$frob' is not supported.");
  });

  it('answers 403 without a user-reading permission', async () => {
    const none = await appToken(tessera, APPS.none);
    assertGraphError(await callGraph(tessera, '/v1.0/users', none), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    assertGraphError(await callGraph(tessera, '/v1.0/users/$count', none, EVENTUAL), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  });
});
