/**
 * Groups and members (graph.md §2.2): `GET /groups`, `/groups/{id}`, `/groups/{id}/members` as
 * directoryObjects with `@odata.type`, limited information for member types the caller cannot
 * read, `$count`, permissions and tenant isolation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, APPS, CHRIS, FABRIKAM_GROUP, NESTED, SALES } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
const tokens: Partial<Record<keyof typeof APPS, string>> = {};
const DENIED = 'Insufficient privileges to complete the operation.';
type Members = { '@odata.context': string; '@odata.nextLink'?: string; value: Array<Record<string, unknown>> };

before(async () => {
  tessera = await bootGraphTessera();
  for (const name of ['reader', 'basic', 'members', 'directory', 'none'] as const) tokens[name] = await appToken(tessera, APPS[name]);
});
after(() => tessera.close());

const token = (name: keyof typeof APPS) => tokens[name] as string;
const readerSpId = () => tessera.applications.find((a) => a.appId === APPS.reader)?.servicePrincipalId;

describe('GET /groups', () => {
  it("lists the tenant's groups with their default properties and filters them", async () => {
    const response = await callGraph(tessera, '/v1.0/groups', token('reader'));
    assertGraphSuccess(response);
    assert.equal(response.body['@odata.context'], `${tessera.url}/v1.0/$metadata#groups`);
    const value = response.body.value as Array<Record<string, unknown>>;
    assert.deepEqual(value.map((g) => g.displayName).sort(), ['Nested', 'Sales']);
    const sales = value.find((g) => g.id === SALES) as Record<string, unknown>;
    assert.equal(sales.mail, 'sales@contoso.onmicrosoft.com');
    assert.equal(sales.mailEnabled, true);
    assert.deepEqual(sales.groupTypes, ['Unified']);
    assert.equal(sales.description, 'Sales team');
    assert.ok('membershipRule' in sales && sales.membershipRule === null);

    const filtered = await callGraph(tessera, `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'sa')")}&$select=id,displayName`, token('members'));
    assertGraphSuccess(filtered);
    assert.deepEqual(filtered.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#groups(id,displayName)`, value: [{ id: SALES, displayName: 'Sales' }] });
    const counted = await callGraph(tessera, '/v1.0/groups/$count', token('directory'), { consistencylevel: 'eventual' });
    assert.equal(counted.text, '2');
  });

  it('gets one group; another tenant\'s group is 404; a non-GUID id is 400', async () => {
    const response = await callGraph(tessera, `/v1.0/groups/${NESTED}?$select=displayName,securityEnabled`, token('reader'));
    assertGraphSuccess(response);
    assert.deepEqual(response.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#groups(displayName,securityEnabled)/$entity`, displayName: 'Nested', securityEnabled: true });
    const notFound = `Resource '${FABRIKAM_GROUP}' does not exist or one of its queried reference-property objects are not present.`;
    assertGraphError(await callGraph(tessera, `/v1.0/groups/${FABRIKAM_GROUP}`, token('reader')), 404, 'Request_ResourceNotFound', notFound);
    assertGraphError(await callGraph(tessera, '/v1.0/groups/sales', token('reader')), 400, 'Request_BadRequest', "Invalid object identifier 'sales'.");
  });

  it('needs a group permission', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/groups', token('basic')), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await callGraph(tessera, `/v1.0/groups/${SALES}`, token('none')), 403, 'Authorization_RequestDenied', DENIED);
  });
});

describe('GET /groups/{id}/members', () => {
  it('lists users, groups and service principals as directoryObjects with @odata.type', async () => {
    const response = await callGraph(tessera, `/v1.0/groups/${SALES}/members`, token('directory'));
    assertGraphSuccess(response);
    const body = response.body as Members;
    assert.equal(body['@odata.context'], `${tessera.url}/v1.0/$metadata#directoryObjects`);
    const byId = new Map(body.value.map((m) => [m.id, m]));
    assert.equal(byId.size, 4);
    const chris = byId.get(CHRIS) as Record<string, unknown>;
    assert.equal(chris['@odata.type'], '#microsoft.graph.user');
    assert.deepEqual(Object.keys(chris).slice(0, 2), ['@odata.type', 'id']);
    assert.equal(chris.jobTitle, 'Software Engineer');
    assert.equal(Object.keys(chris).length, 12);
    assert.equal(byId.get(NESTED)?.['@odata.type'], '#microsoft.graph.group');
    assert.equal(byId.get(NESTED)?.displayName, 'Nested');
    const sp = byId.get(readerSpId()) as Record<string, unknown>;
    assert.equal(sp['@odata.type'], '#microsoft.graph.servicePrincipal');
    assert.equal(sp.appId, APPS.reader);
    assert.equal(sp.displayName, 'Reader');
  });

  it('gives limited information for member types the caller may not read (GroupMember.Read.All)', async () => {
    const response = await callGraph(tessera, `/v1.0/groups/${SALES}/members?$select=id,displayName,jobTitle`, token('members'));
    assertGraphSuccess(response);
    const body = response.body as Members;
    assert.equal(body['@odata.context'], `${tessera.url}/v1.0/$metadata#directoryObjects(id,displayName,jobTitle)`);
    const byId = new Map(body.value.map((m) => [m.id, m]));
    assert.deepEqual(byId.get(ALICE), { '@odata.type': '#microsoft.graph.user', id: ALICE, displayName: null, jobTitle: null });
    assert.deepEqual(byId.get(readerSpId()), { '@odata.type': '#microsoft.graph.servicePrincipal', id: readerSpId(), displayName: null });
    // GroupMember.Read.All reads groups.
    assert.deepEqual(byId.get(NESTED), { '@odata.type': '#microsoft.graph.group', id: NESTED, displayName: 'Nested' });
    // Group.Read.All + User.Read.All: users in full, service principals still limited.
    const reader = (await callGraph(tessera, `/v1.0/groups/${SALES}/members?$select=displayName`, token('reader'))).body as Members;
    const names = reader.value.map((m) => m.displayName).sort((a, b) => String(a).localeCompare(String(b)));
    assert.deepEqual(names, ['Alice Adams', 'Chris Green', 'Nested', null]);
  });

  it('pages members and counts them', async () => {
    const first = (await callGraph(tessera, `/v1.0/groups/${SALES}/members?$top=3&$select=id`, token('directory'))).body as Members;
    assert.equal(first.value.length, 3);
    const second = (await callGraph(tessera, first['@odata.nextLink'] as string, token('directory'))).body as Members;
    assert.equal(second.value.length, 1);
    assert.equal(second['@odata.nextLink'], undefined);
    assert.equal(new Set([...first.value, ...second.value].map((m) => m.id)).size, 4);
    const count = await callGraph(tessera, `/v1.0/groups/${SALES}/members/$count`, token('directory'), { consistencylevel: 'eventual' });
    assert.equal(count.text, '4');
  });

  it('refuses unknown groups, other tenants and callers without a membership permission', async () => {
    const notFound = `Resource '${FABRIKAM_GROUP}' does not exist or one of its queried reference-property objects are not present.`;
    assertGraphError(await callGraph(tessera, `/v1.0/groups/${FABRIKAM_GROUP}/members`, token('directory')), 404, 'Request_ResourceNotFound', notFound);
    assertGraphError(await callGraph(tessera, `/v1.0/groups/${SALES}/members`, token('basic')), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(
      await callGraph(tessera, `/v1.0/groups/${SALES}/members?$select=nope`, token('directory')),
      400,
      'BadRequest',
      "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type 'microsoft.graph.directoryObject'.",
    );
  });
});
