/** `GET /organization` and `/organization/{id}` (graph.md §2.3). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, APPS, CONTOSO, FABRIKAM } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, graphClaims, tesseraSigned, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
let reader: string;

before(async () => {
  tessera = await bootGraphTessera();
  reader = await appToken(tessera, APPS.reader);
});
after(() => tessera.close());

const CONTOSO_DOMAIN = { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: 'contoso.onmicrosoft.com', type: 'Managed' };

describe('GET /organization', () => {
  it('answers a collection with exactly the caller tenant', async () => {
    const response = await callGraph(tessera, '/v1.0/organization', reader);
    assertGraphSuccess(response);
    const { '@odata.context': context, value } = response.body as { '@odata.context': string; value: Array<Record<string, unknown>> };
    assert.equal(context, `${tessera.url}/v1.0/$metadata#organization`);
    assert.equal(value.length, 1);
    const org = value[0] as Record<string, unknown>;
    assert.equal(org.id, CONTOSO);
    assert.equal(org.displayName, 'Contoso');
    assert.equal(org.countryLetterCode, 'US');
    assert.equal(org.tenantType, 'AAD');
    assert.deepEqual(org.verifiedDomains, [CONTOSO_DOMAIN]);
    assert.deepEqual(org.technicalNotificationMails, []);
    assert.equal(org.street, null);
    assert.match(org.createdDateTime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers /organization/{id} for the own tenant, 404 for any other', async () => {
    const response = await callGraph(tessera, `/v1.0/organization/${CONTOSO}?$select=id,displayName`, reader);
    assertGraphSuccess(response);
    assert.deepEqual(response.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#organization(id,displayName)/$entity`, id: CONTOSO, displayName: 'Contoso' });
    assertGraphError(await callGraph(tessera, `/v1.0/organization/${FABRIKAM}`, reader), 404, 'Request_ResourceNotFound', `Resource '${FABRIKAM}' does not exist or one of its queried reference-property objects are not present.`);
  });

  it('needs Organization.Read.All or a directory permission (app-only), User.Read shows a limited organization (delegated)', async () => {
    assertGraphSuccess(await callGraph(tessera, '/v1.0/organization', await appToken(tessera, APPS.directory)));
    assertGraphError(await callGraph(tessera, '/v1.0/organization', await appToken(tessera, APPS.basic)), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const userRead = await tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, oid: ALICE, scp: 'User.Read' }));
    const limited = await callGraph(tessera, '/v1.0/organization?$select=id,displayName,verifiedDomains,countryLetterCode', userRead);
    assertGraphSuccess(limited);
    assert.deepEqual((limited.body.value as unknown[])[0], { id: CONTOSO, displayName: 'Contoso', verifiedDomains: [CONTOSO_DOMAIN], countryLetterCode: null });
  });
});
