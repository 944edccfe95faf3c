/**
 * A multi-tenant daemon (protocol.md §5.3, §15.1): homed in tenant A, consented in tenant B, not
 * in tenant C. Tokens from B carry B's tenant, B's service principal and B's assignments; C has
 * no service principal for it, so C answers AADSTS700016.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { createCertificates, environment, MULTI, MULTI_SECRET, TENANT_A, TENANT_B, TENANT_C } from './client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let homeSp: string;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
  homeSp = tessera.applications.find((a) => a.appId === MULTI)?.servicePrincipalId as string;
  assert.ok(homeSp);
});
after(() => tessera.close());

function request(tenant: string) {
  return postForm(`${tessera.url}/${tenant}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: MULTI, client_secret: MULTI_SECRET, scope: 'https://graph.microsoft.com/.default' });
}

describe('multi-tenant client credentials', () => {
  it('in the home tenant: the home service principal and the home consent', async () => {
    const { status, body } = await request(TENANT_A);
    assert.equal(status, 200, JSON.stringify(body));
    const claims = decodeJwt(body.access_token as string);
    assert.equal(claims.tid, TENANT_A);
    assert.equal(claims.oid, homeSp);
    assert.deepEqual(claims.roles, ['Group.Read.All']);
  });

  it("in a consenting tenant: that tenant's id, issuer, service principal and assignments", async () => {
    const { status, body } = await request(TENANT_B);
    assert.equal(status, 200, JSON.stringify(body));
    const claims = decodeJwt(body.access_token as string);
    assert.equal(claims.tid, TENANT_B);
    assert.equal(claims.iss, `${tessera.url}/${TENANT_B}/`);
    assert.equal(claims.appid, MULTI);
    assert.match(claims.oid as string, /^[0-9a-f-]{36}$/);
    assert.notEqual(claims.oid, homeSp);
    assert.equal(claims.sub, claims.oid);
    assert.deepEqual([...(claims.roles as string[])].sort(), ['Mail.Read', 'User.Read.All']);
  });

  it('in a tenant that never consented: AADSTS700016', async () => {
    const { status, body } = await request(TENANT_C);
    assert.equal(status, 400);
    assert.equal(body.error, 'unauthorized_client');
    assert.deepEqual(body.error_codes, [700016]);
  });

  it('by domain name: the same tenant, tokens carry its GUID', async () => {
    const { status, body } = await request('fabrikam.onmicrosoft.com');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(decodeJwt(body.access_token as string).tid, TENANT_B);
  });
});
