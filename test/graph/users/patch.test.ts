/**
 * `PATCH /users/{id | upn}` and `PATCH /me` and the effective-permission rule (issue 9 item 6;
 * graph.md §2.1, §4.1 steps 5–6): delegated → `scp` ∩ the signed-in user's own rights, with the
 * user's roles read from the directory; application → `roles` alone. 204 on success, the change
 * visible to the next GET.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appToken, assertGraphError, assertGraphSuccess, bootTesseraWith, callGraph, graphClaims, tesseraSigned, type Tessera } from './patch-helpers.js';
import { ADA, ADMIN, BEN, CARA, DAEMONS, DENIED, delegatedToken, OUTSIDER, patch, TENANT, USER_ADMIN } from './patch.config.js';

let tessera: Tessera;

before(async () => {
  tessera = await bootTesseraWith();
});
after(() => tessera.close());

const readUser = async (id: string) => {
  const token = await appToken(tessera, DAEMONS.reader, { tenant: TENANT });
  const response = await callGraph(tessera, `/v1.0/users/${id}?$select=id,displayName,jobTitle,officeLocation,businessPhones,mobilePhone,accountEnabled,givenName`, token);
  assertGraphSuccess(response);
  return response.body;
};

/** Graph's 204: no body, no content type, Graph's ids and headers. */
function assertNoContent(response: Awaited<ReturnType<typeof patch>>): void {
  assert.equal(response.status, 204, response.text);
  assert.equal(response.text, '');
  assert.equal(response.headers.get('content-type'), null);
  assert.equal(response.headers.get('odata-version'), '4.0');
  assert.match(response.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
}

describe('PATCH /users/{id} with delegated User.ReadWrite.All (effective permissions)', () => {
  it("refuses a non-admin's update of another user with 403 and changes nothing", async () => {
    const token = await delegatedToken(tessera, ADA, ['User.ReadWrite.All']);
    assertGraphError(await patch(tessera, `/v1.0/users/${BEN}`, token, { jobTitle: 'Hacked' }), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await patch(tessera, '/v1.0/users/ben@patchworks.onmicrosoft.com', token, { jobTitle: 'Hacked' }), 403, 'Authorization_RequestDenied', DENIED);
    assert.equal((await readUser(BEN)).jobTitle, 'Engineer');
  });

  it('lets a non-admin update themself: 204, and the next GET shows it', async () => {
    const token = await delegatedToken(tessera, ADA, ['User.ReadWrite.All']);
    assertNoContent(await patch(tessera, `/v1.0/users/${ADA}`, token, { jobTitle: 'Lead Analyst', officeLocation: 'Building 7', businessPhones: ['+1 555 0199'] }));
    const ada = await readUser(ADA);
    assert.equal(ada.jobTitle, 'Lead Analyst');
    assert.equal(ada.officeLocation, 'Building 7');
    assert.deepEqual(ada.businessPhones, ['+1 555 0199']);
    assert.equal(ada.displayName, 'Ada Lovelace', 'properties not sent are kept');
    // Her own GET /me sees it too (the hot-path cache was dropped by the write).
    const me = await callGraph(tessera, '/v1.0/me', token);
    assert.equal(me.body.jobTitle, 'Lead Analyst');
  });

  it("keeps administrator-only properties from a non-admin, even on their own object", async () => {
    const token = await delegatedToken(tessera, ADA, ['User.ReadWrite.All']);
    assertGraphError(await patch(tessera, `/v1.0/users/${ADA}`, token, { accountEnabled: false }), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await patch(tessera, '/v1.0/me', token, { displayName: 'Ada L.', userPrincipalName: 'queen@patchworks.onmicrosoft.com' }), 403, 'Authorization_RequestDenied', DENIED);
    const ada = await readUser(ADA);
    assert.equal(ada.accountEnabled, true);
    assert.equal(ada.displayName, 'Ada Lovelace', 'a refused PATCH applies none of its properties');
  });

  it("lets a Global Administrator update others, administrator-only properties included", async () => {
    const token = await delegatedToken(tessera, ADMIN, ['User.ReadWrite.All']);
    assertNoContent(await patch(tessera, `/v1.0/users/${BEN}`, token, { jobTitle: 'Principal Engineer', accountEnabled: false }));
    const ben = await readUser(BEN);
    assert.equal(ben.jobTitle, 'Principal Engineer');
    assert.equal(ben.accountEnabled, false);
    assertNoContent(await patch(tessera, `/v1.0/users/${BEN}`, token, { accountEnabled: true }));
  });

  it('lets a User Administrator update members, but not a Global Administrator', async () => {
    const token = await delegatedToken(tessera, USER_ADMIN, ['User.ReadWrite.All']);
    assertNoContent(await patch(tessera, `/beta/users/${CARA}`, token, { givenName: 'Cara' }));
    assert.equal((await readUser(CARA)).givenName, 'Cara');
    assertGraphError(await patch(tessera, `/v1.0/users/${ADMIN}`, token, { jobTitle: 'Demoted' }), 403, 'Authorization_RequestDenied', DENIED);
  });

  it("reads the user's roles from the directory: a forged `wids` claim grants nothing", async () => {
    const forged = await tesseraSigned(tessera, graphClaims(tessera, { appid: DAEMONS.reader, oid: ADA, sub: 'pairwise', scp: 'User.ReadWrite.All', wids: ['62e90394-69f5-4237-9190-012177145e10'] }, TENANT));
    assertGraphError(await patch(tessera, `/v1.0/users/${BEN}`, forged, { jobTitle: 'Hacked' }), 403, 'Authorization_RequestDenied', DENIED);
  });

  it('bounds even an administrator by the scope: User.ReadWrite reaches only oneself', async () => {
    const token = await delegatedToken(tessera, ADMIN, ['User.ReadWrite']);
    assertGraphError(await patch(tessera, `/v1.0/users/${BEN}`, token, { jobTitle: 'X' }), 403, 'Authorization_RequestDenied', DENIED);
    assertNoContent(await patch(tessera, `/v1.0/users/${ADMIN}`, token, { jobTitle: 'Chief' }));
    assertGraphError(await patch(tessera, `/v1.0/users/${ADA}`, await delegatedToken(tessera, ADMIN, ['User.Read.All']), { jobTitle: 'X' }), 403, 'Authorization_RequestDenied', DENIED);
  });

  it('answers an unknown user with 404 for a caller who may update others, 403 for one who may not', async () => {
    const missing = '9a7c0000-0000-4000-8000-00000000dead';
    const message = `Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`;
    assertGraphError(await patch(tessera, `/v1.0/users/${missing}`, await delegatedToken(tessera, ADMIN, ['User.ReadWrite.All']), { jobTitle: 'X' }), 404, 'Request_ResourceNotFound', message);
    assertGraphError(await patch(tessera, `/v1.0/users/${missing}`, await delegatedToken(tessera, ADA, ['User.ReadWrite']), { jobTitle: 'X' }), 403, 'Authorization_RequestDenied', DENIED);
    // Another tenant's user does not exist here (graph.md §4.1 step 8).
    const writer = await appToken(tessera, DAEMONS.writer, { tenant: TENANT });
    assertGraphError(await patch(tessera, `/v1.0/users/${OUTSIDER}`, writer, { jobTitle: 'X' }), 404, 'Request_ResourceNotFound', /does not exist/);
  });
});

describe('PATCH /users/{id} with application permissions (roles alone)', () => {
  it('User.ReadWrite.All updates anyone, administrators included: 204', async () => {
    const token = await appToken(tessera, DAEMONS.writer, { tenant: TENANT });
    assertNoContent(await patch(tessera, `/v1.0/users/${CARA}`, token, { jobTitle: 'Designer', mobilePhone: '+1 555 0142' }));
    assertNoContent(await patch(tessera, '/v1.0/users/admin@patchworks.onmicrosoft.com', token, { officeLocation: 'HQ' }));
    const cara = await readUser(CARA);
    assert.equal(cara.jobTitle, 'Designer');
    assert.equal(cara.mobilePhone, '+1 555 0142');
    assert.equal((await readUser(ADMIN)).officeLocation, 'HQ');
  });

  it('User.Read.All alone is refused with 403 before the body is looked at', async () => {
    const token = await appToken(tessera, DAEMONS.reader, { tenant: TENANT });
    assertGraphError(await patch(tessera, `/v1.0/users/${CARA}`, token, { jobTitle: 'Nope' }), 403, 'Authorization_RequestDenied', DENIED);
    assertGraphError(await patch(tessera, `/v1.0/users/${CARA}`, token, { nonsense: 1 }), 403, 'Authorization_RequestDenied', DENIED);
    assert.equal((await readUser(CARA)).jobTitle, 'Designer');
  });

  it('a property-scoped permission (User-Phone.ReadWrite.All) sets phones and nothing else', async () => {
    const token = await appToken(tessera, DAEMONS.phones, { tenant: TENANT });
    assertNoContent(await patch(tessera, `/v1.0/users/${BEN}`, token, { businessPhones: ['+1 555 0123'], mobilePhone: null }));
    assert.deepEqual((await readUser(BEN)).businessPhones, ['+1 555 0123']);
    assertGraphError(await patch(tessera, `/v1.0/users/${BEN}`, token, { businessPhones: [], jobTitle: 'X' }), 403, 'Authorization_RequestDenied', DENIED);
  });

  it('an app-only token on PATCH /me gets the /me 400', async () => {
    const token = await appToken(tessera, DAEMONS.writer, { tenant: TENANT });
    assertGraphError(await patch(tessera, '/v1.0/me', token, { jobTitle: 'X' }), 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  });
});

describe('PATCH /me', () => {
  it('User.ReadWrite updates the signed-in user: 204, visible in GET /me; User.Read is not enough', async () => {
    const token = await delegatedToken(tessera, CARA, ['User.ReadWrite']);
    assertNoContent(await patch(tessera, '/v1.0/me', token, { preferredLanguage: 'de-DE', surname: 'Chen-Weiss' }));
    assertNoContent(await patch(tessera, '/beta/me', token, { surname: null }));
    const me = await callGraph(tessera, '/v1.0/me?$select=preferredLanguage,surname', token);
    assertGraphSuccess(me);
    assert.equal(me.body.preferredLanguage, 'de-DE');
    assert.equal(me.body.surname, null);
    const readOnly = await delegatedToken(tessera, CARA, ['User.Read']);
    assertGraphError(await patch(tessera, '/v1.0/me', readOnly, { jobTitle: 'X' }), 403, 'Authorization_RequestDenied', DENIED);
  });

  it('concurrent PATCHes of different properties all land', async () => {
    const token = await delegatedToken(tessera, BEN, ['User.ReadWrite']);
    const bodies = [{ givenName: 'Benjamin' }, { surname: 'Bellweather' }, { officeLocation: 'Room 12' }, { jobTitle: 'Staff Engineer' }, { preferredLanguage: 'fr-FR' }];
    const responses = await Promise.all(bodies.map((body) => patch(tessera, '/v1.0/me', token, body)));
    for (const response of responses) assertNoContent(response);
    const me = await callGraph(tessera, '/v1.0/me', token);
    assert.deepEqual([me.body.givenName, me.body.surname, me.body.officeLocation, me.body.jobTitle, me.body.preferredLanguage], ['Benjamin', 'Bellweather', 'Room 12', 'Staff Engineer', 'fr-FR']);
  });
});
