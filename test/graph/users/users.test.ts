/**
 * `GET /v1.0/users/{id | userPrincipalName}` (graph.md §2.1, §4.3; scenario 001 step 5):
 * the default property set, `$select`, UPN addressing, permissions, and tenant isolation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, APPS, CHRIS, FABRIKAM_USER } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
const tokens: Record<keyof typeof APPS, string> = {} as never;

before(async () => {
  tessera = await bootGraphTessera();
  for (const name of ['reader', 'basic', 'members', 'directory', 'none'] as const) tokens[name] = await appToken(tessera, APPS[name]);
});
after(() => tessera.close());

/** Scenario 001's response, on our origin. */
function chris(origin: string) {
  return {
    '@odata.context': `${origin}/v1.0/$metadata#users/$entity`,
    id: CHRIS,
    businessPhones: ['+1 555555555'],
    displayName: 'Chris Green',
    givenName: 'Chris',
    jobTitle: 'Software Engineer',
    mail: null,
    mobilePhone: '+1 5555555555',
    officeLocation: 'Seattle Office',
    preferredLanguage: null,
    surname: 'Green',
    userPrincipalName: 'ChrisG@contoso.onmicrosoft.com',
  };
}

describe('GET /users/{id}', () => {
  it('answers scenario 001 exactly: the 11 default properties and @odata.context', async () => {
    const response = await callGraph(tessera, `/v1.0/users/${CHRIS}`, tokens.reader, { accept: 'application/json' });
    assertGraphSuccess(response);
    assert.deepEqual(response.body, chris(tessera.url));
    assert.deepEqual(Object.keys(response.body), Object.keys(chris(tessera.url)));
  });

  it("answers seed 001's /user/{id} typo with Graph's 400", async () => {
    assertGraphError(await callGraph(tessera, `/v1.0/user/${CHRIS}`, tokens.reader), 400, 'BadRequest', "Resource not found for the segment 'user'.");
  });

  it('finds users by userPrincipalName, in path and key form, case-insensitively and percent-decoded', async () => {
    for (const path of [
      '/v1.0/users/ChrisG@contoso.onmicrosoft.com',
      '/v1.0/users/chrisg%40CONTOSO.onmicrosoft.com',
      "/v1.0/users('ChrisG@contoso.onmicrosoft.com')",
      '/v1.0/users(%27chrisg%40contoso.onmicrosoft.com%27)',
      `/v1.0/Users/${CHRIS.toUpperCase()}`,
    ]) {
      const response = await callGraph(tessera, path, tokens.reader);
      assertGraphSuccess(response);
      assert.equal(response.body.id, CHRIS, path);
    }
    const oneil = await callGraph(tessera, "/v1.0/users('o''neil@contoso.onmicrosoft.com')?$select=displayName", tokens.reader);
    assert.equal(oneil.body.displayName, "Oscar O'Neil");
  });

  it('answers $select with exactly the listed properties, in canonical spelling', async () => {
    const response = await callGraph(tessera, `/v1.0/users/${ALICE}?$select=displayName,AccountEnabled,userType,department,otherMails,createdDateTime`, tokens.reader);
    assertGraphSuccess(response);
    const { createdDateTime, ...rest } = response.body;
    assert.deepEqual(rest, {
      '@odata.context': `${tessera.url}/v1.0/$metadata#users(displayName,accountEnabled,userType,department,otherMails,createdDateTime)/$entity`,
      displayName: 'Alice Adams',
      accountEnabled: true,
      userType: 'Member',
      department: null,
      otherMails: [],
    });
    assert.match(createdDateTime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses an unknown $select property', async () => {
    assertGraphError(
      await callGraph(tessera, `/v1.0/users/${ALICE}?$select=displayName,x`, tokens.reader),
      400,
      'BadRequest',
      "Parsing OData Select and Expand failed: Could not find a property named 'x' on type 'microsoft.graph.user'.",
    );
  });

  it('answers unknown, malformed and other-tenant ids as Graph does', async () => {
    const missing = '7c0e0000-0000-4000-8000-00000000dead';
    const notFound = (id: string) => `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`;
    assertGraphError(await callGraph(tessera, `/v1.0/users/${missing}`, tokens.reader), 404, 'Request_ResourceNotFound', notFound(missing));
    assertGraphError(await callGraph(tessera, '/v1.0/users/nobody@contoso.onmicrosoft.com', tokens.reader), 404, 'Request_ResourceNotFound', notFound('nobody@contoso.onmicrosoft.com'));
    assertGraphError(await callGraph(tessera, '/v1.0/users/bob', tokens.reader), 404, 'Request_ResourceNotFound', notFound('bob'));
    assertGraphError(await callGraph(tessera, '/v1.0/users/12345678-73a6-4952', tokens.reader), 400, 'Request_BadRequest', "Invalid object identifier '12345678-73a6-4952'.");
    // Another tenant's user is invisible: 404, not 403, by id and by UPN.
    assertGraphError(await callGraph(tessera, `/v1.0/users/${FABRIKAM_USER}`, tokens.reader), 404, 'Request_ResourceNotFound', notFound(FABRIKAM_USER));
    assertGraphError(await callGraph(tessera, '/v1.0/users/frank@fabrikam.onmicrosoft.com', tokens.directory), 404, 'Request_ResourceNotFound', notFound('frank@fabrikam.onmicrosoft.com'));
  });

  it('answers 403 Authorization_RequestDenied without a user-reading role, before looking the user up', async () => {
    const denied = 'Insufficient privileges to complete the operation.';
    assertGraphError(await callGraph(tessera, `/v1.0/users/${CHRIS}`, tokens.none), 403, 'Authorization_RequestDenied', denied);
    assertGraphError(await callGraph(tessera, `/v1.0/users/${CHRIS}`, tokens.members), 403, 'Authorization_RequestDenied', denied);
    assertGraphError(await callGraph(tessera, `/v1.0/users/${FABRIKAM_USER}`, tokens.none), 403, 'Authorization_RequestDenied', denied);
  });

  it('gives User.ReadBasic.All the basic profile only, other properties null', async () => {
    const response = await callGraph(tessera, `/v1.0/users/${CHRIS}`, tokens.basic);
    assertGraphSuccess(response);
    assert.deepEqual(response.body, {
      ...chris(tessera.url),
      businessPhones: null,
      jobTitle: null,
      mobilePhone: null,
      officeLocation: null,
    });
    const selected = await callGraph(tessera, `/v1.0/users/${ALICE}?$select=id,mail,accountEnabled`, tokens.basic);
    assert.deepEqual(selected.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#users(id,mail,accountEnabled)/$entity`, id: ALICE, mail: 'alice@contoso.onmicrosoft.com', accountEnabled: null });
  });

  it('accepts Directory.Read.All, and serves /beta alike with its own context', async () => {
    const response = await callGraph(tessera, `/beta/users/${CHRIS}`, tokens.directory);
    assertGraphSuccess(response);
    assert.deepEqual(response.body, { ...chris(tessera.url), '@odata.context': `${tessera.url}/beta/$metadata#users/$entity` });
  });
});
