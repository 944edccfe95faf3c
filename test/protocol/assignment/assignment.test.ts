/**
 * Assignment to users and groups (issue 9 item 7; protocol.md §14.2, §15.2, AADSTS50105;
 * tokens.md §4.1, §9.1 `roles`, `groups`, overage): over real HTTPS, signing in through the pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { FormClient, signInForCode } from '../authorize/form-client.js';
import { ALL_GROUPS_APP, API_APP, APPROVERS, environment, NESTED, ORDERS_APP, OVERAGE_GROUPS, PASSWORD, PLAIN_APP, SALES, SECRET, STAFF, TENANT, upn } from './assignment.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
const CALLBACK = 'http://localhost:47331/callback';
const SCOPE = `openid profile offline_access api://${API_APP}/access_as_user`;

before(async () => {
  tessera = await bootTessera({ environment: environment(CALLBACK) });
});
after(() => tessera.close());

const authorizeUrl = (params: Record<string, string>) => `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(params).toString()}`;
const codeParams = (clientId: string, scope = SCOPE) => ({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope, state: 'st' });
const tokenEndpoint = () => `${tessera.url}/${TENANT}/oauth2/v2.0/token`;

/** Signs `name` in to `clientId` and redeems the code: the token response. */
async function tokensFor(name: string, clientId: string, scope = SCOPE): Promise<Record<string, unknown>> {
  const landed = await signInForCode(new FormClient(), tessera.url, authorizeUrl(codeParams(clientId, scope)), upn(name), PASSWORD);
  const code = landed.searchParams.get('code');
  assert.ok(code, landed.toString());
  const response = await postForm(tokenEndpoint(), { grant_type: 'authorization_code', client_id: clientId, client_secret: SECRET, code, redirect_uri: CALLBACK, scope });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

/** The page a sign-in of `name` to `clientId` ends on. */
async function signInPage(name: string, clientId: string) {
  const client = new FormClient();
  let page = await client.get(authorizeUrl(codeParams(clientId)));
  page = await client.submit(tessera.url, page, { loginfmt: upn(name) });
  return client.submit(tessera.url, page, { passwd: PASSWORD });
}

describe('appRoleAssignmentRequired', () => {
  it('an unassigned user gets the AADSTS50105 page, and the app no redirect', async () => {
    const page = await signInPage('carol', ORDERS_APP);
    assert.equal(page.status, 400);
    assert.equal(page.location, null);
    assert.match(page.html, /AADSTS50105/);
    assert.match(page.html, /Orders Web/);
    assert.match(page.html, /carol@assign\.example/);
  });

  it('membership of a nested group does not count: AADSTS50105 (assignment covers direct members)', async () => {
    const page = await signInPage('dave', ORDERS_APP);
    assert.equal(page.status, 400);
    assert.match(page.html, /AADSTS50105/);
  });

  it('a directly assigned user gets in with the role in the ID token; the API token has the roles on the API', async () => {
    const body = await tokensFor('alice', ORDERS_APP);
    const id = decodeJwt(body.id_token as string);
    assert.deepEqual(id.roles, ['Orders.Approver']);
    // Alice holds nothing on the API herself and is in no group assigned there.
    const at = decodeJwt(body.access_token as string);
    assert.equal(at.aud, API_APP);
    assert.equal(at.roles, undefined);
  });

  it("an assigned group's member gets in, with the group's roles on the client (ID token) and on the API (access token)", async () => {
    const body = await tokensFor('bob', ORDERS_APP);
    assert.deepEqual(decodeJwt(body.id_token as string).roles, ['Orders.Approver']);
    assert.deepEqual(decodeJwt(body.access_token as string).roles, ['Orders.Reader']);
  });

  it('an app that does not require assignment lets the unassigned user in, with no roles claim', async () => {
    const body = await tokensFor('carol', PLAIN_APP, 'openid profile');
    const id = decodeJwt(body.id_token as string);
    assert.equal(id.roles, undefined);
  });

  it('a refresh after the assignment was removed → invalid_grant AADSTS50105', async () => {
    const body = await tokensFor('frank', ORDERS_APP);
    const refresh = (token: string) => postForm(tokenEndpoint(), { grant_type: 'refresh_token', client_id: ORDERS_APP, client_secret: SECRET, refresh_token: token, scope: SCOPE });
    const first = await refresh(body.refresh_token as string);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const frank = await tessera.directory.getUser(TENANT, upn('frank'));
    assert.ok(frank);
    const assignments = await tessera.directory.listAppRoleAssignments(TENANT, frank.id);
    assert.equal(assignments.length, 1);
    assert.equal(await tessera.directory.removeAppRoleAssignmentById(TENANT, assignments[0]?.id ?? ''), true);
    const refused = await refresh(first.body.refresh_token as string);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'invalid_grant');
    assert.deepEqual(refused.body.error_codes, [50105]);
    assert.match(String(refused.body.error_description), /^AADSTS50105: Your administrator has configured the application Orders Web \('7b000000-0000-4000-8000-0000000000b1'\) to block users/);
    // And a new sign-in is refused too.
    assert.match((await signInPage('frank', ORDERS_APP)).html, /AADSTS50105/);
  });
});

describe('appRoleAssignmentRequired at the code redemption', () => {
  it('a code of a user whose assignment was removed since the sign-in → invalid_grant AADSTS50105', async () => {
    const landed = await signInForCode(new FormClient(), tessera.url, authorizeUrl(codeParams(ORDERS_APP)), upn('gina'), PASSWORD);
    const code = landed.searchParams.get('code');
    assert.ok(code, landed.toString());
    const gina = await tessera.directory.getUser(TENANT, upn('gina'));
    const [assignment] = await tessera.directory.listAppRoleAssignments(TENANT, gina?.id ?? '');
    assert.equal(await tessera.directory.removeAppRoleAssignmentById(TENANT, assignment?.id ?? ''), true);
    const response = await postForm(tokenEndpoint(), { grant_type: 'authorization_code', client_id: ORDERS_APP, client_secret: SECRET, code, redirect_uri: CALLBACK, scope: SCOPE });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_grant');
    assert.deepEqual(response.body.error_codes, [50105]);
  });
});

describe('groups claim', () => {
  it('groupMembershipClaims=SecurityGroup: the security groups only (no Microsoft 365 group) in the ID token', async () => {
    const id = decodeJwt((await tokensFor('alice', ORDERS_APP)).id_token as string);
    assert.deepEqual(id.groups, [STAFF]);
  });

  it('groupMembershipClaims=All: every group, nested memberships included', async () => {
    const id = decodeJwt((await tokensFor('dave', ALL_GROUPS_APP, 'openid profile')).id_token as string);
    assert.deepEqual(id.groups, [APPROVERS, NESTED, SALES].sort());
  });

  it("the resource's setting decides the access token's groups (API: All)", async () => {
    const at = decodeJwt((await tokensFor('alice', ORDERS_APP)).access_token as string);
    assert.deepEqual(at.groups, [SALES, STAFF].sort());
  });

  it('no groupMembershipClaims → no groups claim', async () => {
    const id = decodeJwt((await tokensFor('alice', PLAIN_APP, 'openid profile')).id_token as string);
    assert.equal(id.groups, undefined);
    assert.equal(id._claim_names, undefined);
  });

  it(`${OVERAGE_GROUPS} groups → the overage form: _claim_names/_claim_sources and no groups`, async () => {
    const body = await tokensFor('erin', ORDERS_APP);
    const erin = await tessera.directory.getUser(TENANT, upn('erin'));
    for (const token of [decodeJwt(body.id_token as string), decodeJwt(body.access_token as string)]) {
      assert.equal(token.groups, undefined);
      assert.deepEqual(token._claim_names, { groups: 'src1' });
      assert.deepEqual(token._claim_sources, { src1: { endpoint: `https://graph.windows.net/${TENANT}/users/${erin?.id}/getMemberObjects` } });
    }
    // Default access (no role): assigned, so signed in, but no roles claim.
    assert.equal(decodeJwt(body.id_token as string).roles, undefined);
  });

  it('an ID token from /authorize itself (implicit) with more than 5 groups → hasgroups: true', async () => {
    const client = new FormClient();
    let page = await client.get(authorizeUrl({ client_id: ORDERS_APP, response_type: 'id_token', redirect_uri: CALLBACK, scope: 'openid profile', nonce: 'n-1', state: 'st' }));
    page = await client.submit(tessera.url, page, { loginfmt: upn('erin') });
    page = await client.submit(tessera.url, page, { passwd: PASSWORD });
    assert.equal(page.status, 302, page.html.slice(0, 400));
    const fragment = new URLSearchParams(new URL(page.location ?? '').hash.slice(1));
    const id = decodeJwt(fragment.get('id_token') ?? '');
    assert.equal(id.hasgroups, true);
    assert.equal(id.groups, undefined);
    assert.equal(id._claim_names, undefined);
  });
});
