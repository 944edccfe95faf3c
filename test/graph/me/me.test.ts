/**
 * `/me` (graph.md §2.1, §4.1 step 4, §4.3): 400 for app-only tokens on `/me` and everything below
 * it; the signed-in user of a delegated token otherwise. Delegated tokens are minted with
 * Tessera's own key until interactive sign-in exists (roadmap item 1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, APPS, CHRIS, FABRIKAM_USER } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, graphClaims, tesseraSigned, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
let appOnly: string;

before(async () => {
  tessera = await bootGraphTessera();
  appOnly = await appToken(tessera, APPS.directory);
});
after(() => tessera.close());

const delegated = (oid: string, scp: string) => tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, oid, sub: 'pairwise-subject', scp, name: 'x' }));

describe('GET /me', () => {
  it('answers an app-only token with 400 BadRequest, on /me and below it, before routing', async () => {
    const message = '/me request is only valid with delegated authentication flow.';
    for (const path of ['/v1.0/me', '/v1.0/ME?$select=id', '/v1.0/me/messages', '/v1.0/me/message', '/beta/me/memberOf']) {
      assertGraphError(await callGraph(tessera, path, appOnly), 400, 'BadRequest', message);
    }
  });

  it("answers a delegated token with the signed-in user's default properties", async () => {
    const response = await callGraph(tessera, '/v1.0/me', await delegated(CHRIS, 'openid profile email User.Read'));
    assertGraphSuccess(response);
    assert.equal(response.body['@odata.context'], `${tessera.url}/v1.0/$metadata#users/$entity`);
    assert.equal(response.body.id, CHRIS);
    assert.equal(response.body.displayName, 'Chris Green');
    assert.equal(Object.keys(response.body).length, 12);
    const selected = await callGraph(tessera, '/v1.0/me?$select=userPrincipalName', await delegated(ALICE, 'User.Read'));
    assert.deepEqual(selected.body, { '@odata.context': `${tessera.url}/v1.0/$metadata#users(userPrincipalName)/$entity`, userPrincipalName: 'alice@contoso.onmicrosoft.com' });
  });

  it('evaluates scp with the same permission table', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/me', await delegated(ALICE, 'openid profile')), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    // User.Read reads oneself through /users/{id} too, but not others (graph.md §2.1).
    const self = await callGraph(tessera, `/v1.0/users/${ALICE}`, await delegated(ALICE, 'User.Read'));
    assertGraphSuccess(self);
    assertGraphError(await callGraph(tessera, `/v1.0/users/${CHRIS}`, await delegated(ALICE, 'User.Read')), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    assertGraphError(await callGraph(tessera, '/v1.0/users', await delegated(ALICE, 'User.Read')), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    assertGraphSuccess(await callGraph(tessera, '/v1.0/users', await delegated(ALICE, 'User.Read.All')));
  });

  it("refuses a delegated token whose user is another tenant's with 401 (issue 6 item 8)", async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/me', await delegated(FABRIKAM_USER, 'User.Read')), 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
  });
});
