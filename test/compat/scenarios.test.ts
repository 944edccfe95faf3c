/**
 * Scenarios 001 ("Get access without a user") and 002 ("Application permission with the v2
 * endpoint") of shared/scenarios, step by step against the real server: registration from an
 * environment file, admin consent recorded, a token for `https://graph.microsoft.com/.default`,
 * and the Graph calls with the response shapes the documents show.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { applyEnvironment } from '../../src/index.js';
import { bootTessera, getJson, postForm } from '../helpers/tessera.js';

const GRAPH_SP_APP_ID = '00000003-0000-0000-c000-000000000000';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';

describe('scenario 001: get access without a user', () => {
  const TENANT = 'a8990e1f-ff32-408a-9f8e-78d3b9139b95';
  const CLIENT = '535fb089-9ff3-47b6-9bfb-4f1264799865';
  const SECRET = 'qWgdYAmab0YSkuL1qKv5bPX';
  const CHRIS = '12345678-73a6-4952-a53a-e9916737ff7f';
  const dir = mkdtempSync(join(tmpdir(), 'scenario-001-'));
  let tessera: Awaited<ReturnType<typeof bootTessera>>;
  let accessToken: string;

  before(async () => {
    // Step 1–2: register the app (web platform, a secret, the admin-consent redirect URI) and
    // configure the application permission User.Read.All — as an environment file.
    const file = join(dir, 'environment.yaml');
    writeFileSync(
      file,
      `tenants:
  - id: ${TENANT}
    domain: contoso
    displayName: Contoso
    users:
      - id: ${CHRIS}
        userPrincipalName: ChrisG@contoso.onmicrosoft.com
        displayName: Chris Green
        givenName: Chris
        surname: Green
        jobTitle: Software Engineer
        mobilePhone: "+1 5555555555"
        officeLocation: Seattle Office
        businessPhones: ["+1 555555555"]
    applications:
      - appId: ${CLIENT}
        displayName: Background service
        web:
          redirectUris: [http://localhost/myapp/permissions]
        secrets:
          - value: ${SECRET}
        requiredPermissions:
          Microsoft Graph: [User.Read.All]
    # Step 3: the administrator's consent.
    consent:
      - application: Background service
`,
    );
    tessera = await bootTessera({ environment: file });
  });
  after(async () => {
    await tessera.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('step 3: the admin consent is recorded as an app role assignment on Graph', async () => {
    const client = await tessera.directory.getServicePrincipalByAppId(TENANT, CLIENT);
    const graph = await tessera.directory.getServicePrincipalByAppId(TENANT, GRAPH_SP_APP_ID);
    assert.ok(client && graph);
    const assignments = await tessera.directory.listAppRoleAssignments(TENANT, client.id);
    assert.deepEqual(
      assignments.map((a) => ({ appRoleId: a.appRoleId, resourceId: a.resourceId, principalType: a.principalType })),
      [{ appRoleId: USER_READ_ALL_ROLE, resourceId: graph.id, principalType: 'ServicePrincipal' }],
    );
  });

  it('step 4: POST /{tenant}/oauth2/v2.0/token with scope .default returns the documented body', async () => {
    const { status, headers, body } = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, {
      client_id: CLIENT,
      scope: 'https://graph.microsoft.com/.default',
      client_secret: SECRET,
      grant_type: 'client_credentials',
    });
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.ok(Number.isInteger(body.expires_in) && (body.expires_in as number) >= 3500);
    accessToken = body.access_token as string;
    const claims = decodeJwt(accessToken);
    assert.deepEqual(claims.roles, ['User.Read.All']);
    assert.equal(claims.tid, TENANT);
    assert.equal(claims.appid, CLIENT);
  });

  it('step 5: GET /v1.0/users/{id} answers exactly the documented user', async () => {
    const { status, headers, body } = await getJson(`${tessera.url}/v1.0/users/${CHRIS}`, { authorization: `Bearer ${accessToken}` });
    assert.equal(status, 200);
    assert.equal(headers.get('content-type'), 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8');
    assert.equal(headers.get('odata-version'), '4.0');
    assert.match(headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(headers.get('client-request-id'), headers.get('request-id'));
    assert.deepEqual(body, {
      '@odata.context': `${tessera.url}/v1.0/$metadata#users/$entity`,
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
    });
  });

  it('step 5 as printed (`/v1.0/user/{id}`, singular) gets real Graph answer: 400 for the unknown segment', async () => {
    const { status, body } = await getJson(`${tessera.url}/v1.0/user/${CHRIS}`, { authorization: `Bearer ${accessToken}` });
    assert.equal(status, 400);
    assert.deepEqual((body.error as Record<string, unknown>).code, 'BadRequest');
    assert.equal((body.error as Record<string, unknown>).message, "Resource not found for the segment 'user'.");
  });
});

describe('scenario 002: application permissions of a multi-tenant service', () => {
  const PUBLISHER = '0f6c1a7e-9d3b-4c4e-8a51-2b7d9e6f3a10';
  const CUSTOMER = 'c4a8f1d2-5e6b-4a7c-9d8e-1f2a3b4c5d6e';
  const CLIENT = 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
  const SECRET = 'JfgrNM9CcW-scenario-002-secret';
  let tessera: Awaited<ReturnType<typeof bootTessera>>;
  const tokenAt = (tenant: string) =>
    postForm(`${tessera.url}/${tenant}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });

  before(async () => {
    tessera = await bootTessera({
      environment: {
        tenants: [
          {
            id: PUBLISHER,
            domain: 'publisher',
            applications: [
              {
                appId: CLIENT,
                displayName: 'testapp02',
                signInAudience: 'AzureADMultipleOrgs',
                web: { redirectUris: ['https://localhost/testapp02'] },
                secrets: [{ value: SECRET }],
                requiredPermissions: { 'Microsoft Graph': ['Files.Read.All'] },
              },
            ],
          },
          { id: CUSTOMER, domain: 'testdirectory', users: [{ userPrincipalName: 'demouser01@testdirectory.onmicrosoft.com', displayName: 'Demo Taro' }] },
        ],
      },
    });
  });
  after(() => tessera.close());

  it('before the customer consents, the app does not exist in its directory (AADSTS700016)', async () => {
    const { status, body } = await tokenAt('testdirectory.onmicrosoft.com');
    assert.equal(status, 400);
    assert.equal(body.error, 'unauthorized_client');
    assert.deepEqual(body.error_codes, [700016]);
  });

  it('the customer admin consents; the token from its tenant carries its tid and Files.Read.All', async () => {
    await applyEnvironment(tessera.directory, { tenants: [{ id: CUSTOMER, domain: 'testdirectory', consent: [{ application: CLIENT }] }] });
    const { status, body } = await tokenAt('testdirectory.onmicrosoft.com');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    const claims = decodeJwt(body.access_token as string);
    assert.equal(claims.tid, CUSTOMER);
    assert.deepEqual(claims.roles, ['Files.Read.All']);
    assert.equal(claims.iss, `${tessera.url}/${CUSTOMER}/`);
  });

  it('"you cannot use /common" for this flow (AADSTS50059)', async () => {
    const { status, body } = await tokenAt('common');
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [50059]);
  });

  it('the comments: /me with an app token is a 400, and Files.Read.All does not read users (403)', async () => {
    const token = (await tokenAt(CUSTOMER)).body.access_token as string;
    const me = await getJson(`${tessera.url}/v1.0/me/messages`, { authorization: `Bearer ${token}` });
    assert.equal(me.status, 400);
    assert.equal((me.body.error as Record<string, unknown>).code, 'BadRequest');
    assert.equal((me.body.error as Record<string, unknown>).message, '/me request is only valid with delegated authentication flow.');
    const user = await getJson(`${tessera.url}/v1.0/users/demouser01@testdirectory.onmicrosoft.com`, { authorization: `Bearer ${token}` });
    assert.equal(user.status, 403);
    assert.equal((user.body.error as Record<string, unknown>).code, 'Authorization_RequestDenied');
  });
});
