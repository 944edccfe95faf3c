/**
 * Client-credentials refusals, each with its HTTP status, OAuth `error` and AADSTS code
 * (protocol.md §2.2, §5.3, §12.4): tenant aliases, unknown app, unknown resource, scope shapes,
 * missing parameters — on the v2 and the v1 endpoint.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, SINGLE, SINGLE_SECRET, TENANT_A, TENANT_B } from './client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
});
after(() => tessera.close());

const v2 = (tenant: string) => `${tessera.url}/${tenant}/oauth2/v2.0/token`;
const v1 = (tenant: string) => `${tessera.url}/${tenant}/oauth2/token`;
const daemon = { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET };

async function refused(url: string, form: Record<string, string>, status: number, error: string, code: number): Promise<Record<string, unknown>> {
  const response = await postForm(url, form);
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error, error);
  assert.deepEqual(response.body.error_codes, [code]);
  assert.match(response.body.error_description as string, new RegExp(`^AADSTS${code}: `));
  assert.equal(response.body.access_token, undefined);
  return response.body;
}

describe('client credentials refusals, v2 endpoint', () => {
  it('refuses common, organizations and consumers with AADSTS50059', async () => {
    for (const alias of ['common', 'organizations', 'consumers', '9188040d-6c67-4c5b-b112-36a304b66dad']) {
      await refused(v2(alias), { ...daemon, scope: 'https://graph.microsoft.com/.default' }, 400, 'invalid_request', 50059);
    }
  });

  it('refuses an unknown client with unauthorized_client AADSTS700016', async () => {
    const body = await refused(v2(TENANT_A), { ...daemon, client_id: '0d0d0d0d-0000-4000-8000-000000000000', scope: 'https://graph.microsoft.com/.default' }, 400, 'unauthorized_client', 700016);
    assert.match(body.error_description as string, /Application with identifier '0d0d0d0d-0000-4000-8000-000000000000' was not found/);
  });

  it('refuses a single-tenant app in another tenant with AADSTS700016', async () => {
    await postForm(v2(TENANT_A), { grant_type: 'client_credentials', client_id: SINGLE, client_secret: SINGLE_SECRET, scope: 'https://graph.microsoft.com/.default' }).then((r) => assert.equal(r.status, 200));
    await refused(v2(TENANT_B), { grant_type: 'client_credentials', client_id: SINGLE, client_secret: SINGLE_SECRET, scope: 'https://graph.microsoft.com/.default' }, 400, 'unauthorized_client', 700016);
  });

  it('refuses an unknown resource with invalid_resource AADSTS500011', async () => {
    const body = await refused(v2(TENANT_A), { ...daemon, scope: 'api://nothing-here/.default' }, 400, 'invalid_resource', 500011);
    assert.match(body.error_description as string, /The resource principal named api:\/\/nothing-here was not found/);
    await refused(v2(TENANT_A), { ...daemon, scope: '0e0e0e0e-0000-4000-8000-000000000000/.default' }, 400, 'invalid_resource', 500011);
  });

  it('refuses a named permission with invalid_scope AADSTS1002012', async () => {
    await refused(v2(TENANT_A), { ...daemon, scope: 'https://graph.microsoft.com/User.Read.All' }, 400, 'invalid_scope', 1002012);
    await refused(v2(TENANT_A), { ...daemon, scope: 'User.Read' }, 400, 'invalid_scope', 1002012);
  });

  it('refuses two resources or a .default with OIDC scopes with invalid_scope AADSTS70011', async () => {
    await refused(v2(TENANT_A), { ...daemon, scope: 'https://graph.microsoft.com/.default https://orders.contoso.example//.default' }, 400, 'invalid_scope', 70011);
    await refused(v2(TENANT_A), { ...daemon, scope: 'https://graph.microsoft.com/.default offline_access' }, 400, 'invalid_scope', 70011);
  });

  it('names a missing scope or client_id (AADSTS900144)', async () => {
    const noScope = await refused(v2(TENANT_A), daemon, 400, 'invalid_request', 900144);
    assert.match(noScope.error_description as string, /parameter: 'scope'/);
    const noClient = await refused(v2(TENANT_A), { grant_type: 'client_credentials', client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' }, 400, 'invalid_request', 900144);
    assert.match(noClient.error_description as string, /parameter: 'client_id'/);
  });

  it('refuses a confidential client without a credential (AADSTS7000218)', async () => {
    await refused(v2(TENANT_A), { grant_type: 'client_credentials', client_id: DAEMON, scope: 'https://graph.microsoft.com/.default' }, 401, 'invalid_client', 7000218);
  });

  it('refuses a client credential sent from a browser (Origin header, protocol.md §4.3)', async () => {
    const response = await postForm(v2(TENANT_A), { ...daemon, scope: 'https://graph.microsoft.com/.default' }, { origin: 'https://spa.contoso.example' });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_request');
    assert.deepEqual(response.body.error_codes, [9002326]);
    assert.match(response.body.error_description as string, /Request origin: 'https:\/\/spa\.contoso\.example'/);
  });
});

describe('client credentials refusals, v1 endpoint', () => {
  it('names a missing resource (AADSTS900144)', async () => {
    const body = await refused(v1(TENANT_A), { ...daemon, scope: 'https://graph.microsoft.com/.default' }, 400, 'invalid_request', 900144);
    assert.match(body.error_description as string, /parameter: 'resource'/);
  });

  it('refuses common, organizations and consumers with AADSTS50059', async () => {
    for (const alias of ['common', 'organizations', 'consumers']) {
      await refused(v1(alias), { ...daemon, resource: 'https://graph.microsoft.com' }, 400, 'invalid_request', 50059);
    }
  });

  it('refuses an unknown resource (AADSTS500011), an unknown client (AADSTS700016), a wrong secret (AADSTS7000215)', async () => {
    await refused(v1(TENANT_A), { ...daemon, resource: 'https://nowhere.example' }, 400, 'invalid_resource', 500011);
    await refused(v1(TENANT_A), { ...daemon, client_id: '0d0d0d0d-0000-4000-8000-000000000000', resource: 'https://graph.microsoft.com' }, 400, 'unauthorized_client', 700016);
    await refused(v1(TENANT_A), { ...daemon, client_secret: 'wrong', resource: 'https://graph.microsoft.com' }, 401, 'invalid_client', 7000215);
  });
});
