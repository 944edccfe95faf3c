/**
 * Bad PATCH bodies (graph.md §1.2, §1.7, §2.1): Graph's 400s for unreadable JSON, unknown and
 * read-only properties, wrong types and out-of-range values, 415 for a non-JSON media type, and
 * none of them changes anything. The caller is an administrator, so only the body is at fault.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appToken, assertGraphError, bootTesseraWith, callGraph, type Tessera } from './patch-helpers.js';
import { ADA, ADMIN, BEN, DAEMONS, delegatedToken, patch, TENANT } from './patch.config.js';

let tessera: Tessera;
let admin: string;
const UNREADABLE = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
const ada = `/v1.0/users/${ADA}`;

before(async () => {
  tessera = await bootTesseraWith();
  admin = await delegatedToken(tessera, ADMIN, ['User.ReadWrite.All']);
});
after(() => tessera.close());

async function adaNow() {
  const token = await appToken(tessera, DAEMONS.reader, { tenant: TENANT });
  return (await callGraph(tessera, `${ada}?$select=displayName,jobTitle,accountEnabled,userPrincipalName,businessPhones`, token)).body;
}

describe('PATCH /users/{id}: body errors', () => {
  it("answers an empty, malformed or non-object body with Graph's unreadable-payload 400", async () => {
    assertGraphError(await patch(tessera, ada, admin, ''), 400, 'BadRequest', UNREADABLE);
    assertGraphError(await patch(tessera, ada, admin, '{"jobTitle":'), 400, 'BadRequest', UNREADABLE);
    for (const body of ['[]', '"text"', '42', 'null']) assertGraphError(await patch(tessera, ada, admin, body), 400, 'BadRequest', UNREADABLE);
    assertGraphError(await patch(tessera, ada, admin, { jobTitle: 'X' }, null), 400, 'BadRequest', UNREADABLE);
  });

  it('answers a non-JSON media type with 415 after the token was checked', async () => {
    assertGraphError(await patch(tessera, ada, admin, 'jobTitle=X', 'application/x-www-form-urlencoded'), 415, 'UnsupportedMediaType', /'application\/x-www-form-urlencoded' is not supported/);
    assertGraphError(await patch(tessera, ada, admin, '{"jobTitle":"X"}', 'text/plain'), 415, 'UnsupportedMediaType', /'text\/plain'/);
    assertGraphError(await patch(tessera, ada, admin, '<user/>', 'application/xml'), 415, 'UnsupportedMediaType', /'application\/xml'/);
    // No token: 401 first, whatever the body.
    const anonymous = await fetch(`${tessera.url}${ada}`, { method: 'PATCH', headers: { 'content-type': 'application/xml' }, body: '<user/>' });
    assert.equal(anonymous.status, 401);
    // JSON with parameters is JSON.
    assert.equal((await patch(tessera, ada, admin, { jobTitle: 'Analyst' }, 'application/json; charset=utf-8')).status, 204);
  });

  it('refuses unknown, read-only and unstored properties by name', async () => {
    assertGraphError(await patch(tessera, ada, admin, { jobTitle: 'X', favouriteColour: 'blue' }), 400, 'Request_BadRequest', "Invalid property 'favouriteColour'.");
    assertGraphError(await patch(tessera, ada, admin, { id: BEN }), 400, 'Request_BadRequest', "Property 'id' is read-only and cannot be set.");
    assertGraphError(await patch(tessera, ada, admin, { createdDateTime: '2020-01-01T00:00:00Z' }), 400, 'Request_BadRequest', "Property 'createdDateTime' is read-only and cannot be set.");
    assertGraphError(await patch(tessera, ada, admin, { usageLocation: 'US' }), 400, 'Request_BadRequest', "Tessera does not store the property 'usageLocation' yet.");
    assert.equal((await adaNow()).jobTitle, 'Analyst', 'nothing of a refused body is applied');
  });

  it('refuses values of the wrong type or out of range', async () => {
    assertGraphError(await patch(tessera, ada, admin, { jobTitle: 42 }), 400, 'BadRequest', "Cannot convert the literal '42' to the expected type 'Edm.String'.");
    assertGraphError(await patch(tessera, ada, admin, { accountEnabled: 'no' }), 400, 'BadRequest', "Cannot convert the literal 'no' to the expected type 'Edm.Boolean'.");
    assertGraphError(await patch(tessera, ada, admin, { businessPhones: '+1 555' }), 400, 'BadRequest', "Cannot convert the literal '+1 555' to the expected type 'Collection(Edm.String)'.");
    const invalid = (name: string) => `Invalid value specified for property '${name}' of resource 'User'.`;
    assertGraphError(await patch(tessera, ada, admin, { displayName: '' }), 400, 'Request_BadRequest', invalid('displayName'));
    assertGraphError(await patch(tessera, ada, admin, { displayName: null }), 400, 'Request_BadRequest', invalid('displayName'));
    assertGraphError(await patch(tessera, ada, admin, { givenName: 'x'.repeat(65) }), 400, 'Request_BadRequest', invalid('givenName'));
    assertGraphError(await patch(tessera, ada, admin, { businessPhones: ['+1 1', '+1 2'] }), 400, 'Request_BadRequest', invalid('businessPhones'));
    assertGraphError(await patch(tessera, ada, admin, { preferredLanguage: 'not a language' }), 400, 'Request_BadRequest', invalid('preferredLanguage'));
    assertGraphError(await patch(tessera, ada, admin, { mail: 'nobody' }), 400, 'Request_BadRequest', invalid('mail'));
    assertGraphError(await patch(tessera, ada, admin, { userType: 'Admin' }), 400, 'Request_BadRequest', invalid('userType'));
    assertGraphError(await patch(tessera, ada, admin, { '@odata.type': '#microsoft.graph.group', jobTitle: 'X' }), 400, 'BadRequest', "Type '#microsoft.graph.group' is not a user type.");
    assert.equal((await adaNow()).displayName, 'Ada Lovelace');
  });

  it("accepts SDK-shaped bodies (`@odata.type`) and an empty object as a no-op", async () => {
    assert.equal((await patch(tessera, ada, admin, { '@odata.type': '#microsoft.graph.user', jobTitle: 'Senior Analyst' })).status, 204);
    assert.equal((await patch(tessera, ada, admin, {})).status, 204);
    assert.equal((await adaNow()).jobTitle, 'Senior Analyst');
  });

  it("changes a userPrincipalName within the tenant's verified domains, uniquely", async () => {
    assertGraphError(await patch(tessera, ada, admin, { userPrincipalName: `ben@patchworks.onmicrosoft.com` }), 400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.');
    assertGraphError(await patch(tessera, ada, admin, { userPrincipalName: 'ada@nowhere.example' }), 400, 'Request_BadRequest', /verified domain names in your organization/);
    assertGraphError(await patch(tessera, ada, admin, { userPrincipalName: 'no-at-sign' }), 400, 'Request_BadRequest', "Invalid value specified for property 'userPrincipalName' of resource 'User'.");
    assert.equal((await patch(tessera, ada, admin, { userPrincipalName: 'ada.lovelace@patchworks.onmicrosoft.com' })).status, 204);
    assert.equal((await adaNow()).userPrincipalName, 'ada.lovelace@patchworks.onmicrosoft.com');
    const token = await appToken(tessera, DAEMONS.reader, { tenant: TENANT });
    assert.equal((await callGraph(tessera, '/v1.0/users/ada.lovelace@patchworks.onmicrosoft.com', token)).body.id, ADA, 'the new UPN addresses the user');
  });
});
