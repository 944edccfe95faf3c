/**
 * The environment engine against the real directory and storage, on every dialect available
 * (SQLite always; PostgreSQL when the test runner provides one): idempotency counted in rows,
 * name resolution, multi-tenant provisioning through consent, and refusal with field paths
 * that changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Directory } from '../../src/directory/directory.js';
import { createDirectory } from '../../src/directory/index.js';
import { applyEnvironment } from '../../src/environment/apply.js';
import { EnvironmentError, formatIssue } from '../../src/environment/errors.js';
import type { EnvironmentInput } from '../../src/environment/schema.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { createClientCertificate } from '../fixtures/certs/client-certificate.js';
import { rowCounts } from '../helpers/env-counts.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { API_APP_ID, CLIENT_APP_ID, CLIENT_SECRET, CONTOSO, FABRIKAM_DOMAIN, MULTI_APP_ID, environment } from './environment.config.js';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const USER_READ_SCOPE = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';
const DIRECTORY_READ_ALL_ROLE = '7ab1d382-f21e-4acd-a863-ba3e13f7da61';

async function refusal(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => assert.fail('expected an EnvironmentError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EnvironmentError, String(error));
  return error.issues.map(formatIssue);
}

const dialects: Array<[string, () => Promise<{ url: string; stop(): Promise<void> }>]> = [['sqlite', async () => ({ url: ':memory:', stop: async () => undefined })]];
if (process.env.TESSERA_TEST_DATABASE_URL) dialects.push(['postgres', (): Promise<TestPostgres> => startPostgres()]);

for (const [dialect, database] of dialects) {
  describe(`environment engine (${dialect})`, () => {
    let storage: Storage;
    let directory: Directory;
    let stopDatabase: () => Promise<void>;
    let certificatePem: string;

    before(async () => {
      const db = await database();
      stopDatabase = () => db.stop();
      storage = await openStorage(db.url);
      directory = createDirectory(storage);
      certificatePem = (await createClientCertificate()).certificatePem;
    });
    after(async () => {
      await storage.close();
      await stopDatabase();
    });

    it('applies once, and a second time creates no row at all', async () => {
      const first = await applyEnvironment(directory, environment(certificatePem));
      assert.deepEqual(first.created, { tenants: 2, users: 4, groups: 2, applications: 3, secrets: 3, certificates: 1, members: 5, consents: 3, assignments: 0 });
      const generated = first.applications.find((a) => a.appId === CLIENT_APP_ID)?.secrets.find((s) => s.displayName === 'generated');
      assert.ok(generated?.value && generated.value.length >= 40, 'a generated secret is returned once');
      const counts = await rowCounts(storage.db);

      const second = await applyEnvironment(directory, environment(certificatePem));
      assert.deepEqual(await rowCounts(storage.db), counts);
      assert.ok(Object.values(second.created).every((n) => n === 0), JSON.stringify(second.created));
      assert.deepEqual(second.tenants.map((t) => t.id), first.tenants.map((t) => t.id));
      assert.deepEqual(second.applications.map((a) => a.id), first.applications.map((a) => a.id));
      const again = second.applications.find((a) => a.appId === CLIENT_APP_ID);
      assert.equal(again?.secret, CLIENT_SECRET, 'a given secret is reported as given');
      assert.equal(again?.secrets.find((s) => s.displayName === 'generated')?.value, null, 'a generated secret is not shown again');
    });

    it('keeps given ids and qualifies short user names with the initial domain', async () => {
      assert.equal((await directory.getTenant(CONTOSO))?.displayName, 'Contoso');
      const bob = await directory.getUser(CONTOSO, '5c0e0000-0000-4000-8000-0000000000b3');
      assert.equal(bob?.userPrincipalName, 'bob@contoso.onmicrosoft.com');
      assert.deepEqual(bob?.mfa, { required: true, registered: true });
      const admin = await directory.getUser(CONTOSO, 'admin@contoso.onmicrosoft.com');
      assert.deepEqual([...(admin?.directoryRoles ?? [])].sort(), ['62e90394-69f5-4237-9190-012177145e10', 'fe930be7-5e62-47db-91af-98c3a49a38b1']);
      assert.equal(await directory.verifyPassword(admin?.id ?? '', 'Admin-Pass-1!'), true);
      const api = await directory.getApplicationByAppId(API_APP_ID);
      assert.deepEqual(api?.identifierUris, [`api://${API_APP_ID}`]);
      assert.equal(api?.api.requestedAccessTokenVersion, 2);
    });

    it('reads a permission list as app roles where the resource has them, else as scopes', async () => {
      const client = await directory.getApplicationByAppId(CLIENT_APP_ID);
      const api = await directory.getApplicationByAppId(API_APP_ID);
      const graph = client?.requiredResourceAccess.find((r) => r.resourceAppId === GRAPH);
      assert.deepEqual(graph?.resourceAccess, [
        { id: USER_READ_ALL_ROLE, type: 'Role' },
        { id: USER_READ_SCOPE, type: 'Scope' },
      ]);
      const orders = client?.requiredResourceAccess.find((r) => r.resourceAppId === API_APP_ID);
      const id = (value: string) => [...(api?.appRoles ?? []), ...(api?.api.oauth2PermissionScopes ?? [])].find((p) => p.value === value)?.id;
      assert.deepEqual(new Set(orders?.resourceAccess.map((a) => `${a.type}:${a.id}`)), new Set([`Role:${id('Orders.Read.All')}`, `Scope:${id('Orders.Read')}`, `Scope:${id('Orders.Admin')}`]));
    });

    it('grants admin consent, a user consent, and group memberships', async () => {
      const sp = await directory.getServicePrincipalByAppId(CONTOSO, CLIENT_APP_ID);
      assert.ok(sp);
      const roles = await directory.listAppRoleAssignments(CONTOSO, sp.id);
      assert.ok(roles.some((r) => r.appRoleId === USER_READ_ALL_ROLE));
      const grants = await directory.listOAuth2PermissionGrants(CONTOSO, sp.id);
      const alice = await directory.getUser(CONTOSO, 'alice@contoso.example');
      const mine = grants.find((g) => g.consentType === 'Principal');
      assert.equal(mine?.principalId, alice?.id);
      assert.equal(mine?.scope, 'Mail.Read');
      assert.ok(grants.some((g) => g.consentType === 'AllPrincipals' && g.scope.split(' ').includes('User.Read')));
      const engineering = (await directory.listGroups(CONTOSO, { top: 10, filter: { op: 'eq', property: 'displayName', value: 'Engineering' } })).items[0];
      const members = await directory.listGroupMembers(CONTOSO, engineering?.id ?? '', { top: 10 });
      assert.deepEqual(members.items.map((m) => m['@odata.type']).sort(), ['#microsoft.graph.group', '#microsoft.graph.servicePrincipal', '#microsoft.graph.user', '#microsoft.graph.user']);
    });

    it('provisions a multi-tenant app in another tenant only through consent there', async () => {
      const fabrikam = await directory.findTenantByDomain(FABRIKAM_DOMAIN);
      assert.ok(fabrikam);
      const sp = await directory.getServicePrincipalByAppId(fabrikam.id, MULTI_APP_ID);
      assert.ok(sp, 'consent in Fabrikam created the service principal there');
      assert.deepEqual((await directory.listAppRoleAssignments(fabrikam.id, sp.id)).map((r) => r.appRoleId), [DIRECTORY_READ_ALL_ROLE]);
      assert.equal(await directory.getServicePrincipalByAppId(fabrikam.id, CLIENT_APP_ID), undefined, 'no consent, no service principal');
    });

    it('refuses a single-tenant app consented in another tenant, and writes nothing', async () => {
      const before = await rowCounts(storage.db);
      const issues = await refusal(
        applyEnvironment(directory, {
          tenants: [{ displayName: 'Northwind', domain: 'northwind', consent: [{ application: CLIENT_APP_ID }] }],
        }),
      );
      assert.equal(issues.length, 1);
      assert.match(issues[0] ?? '', /^tenants\[0\]\.consent\[0\]\.application: 'Client App' \(AzureADMyOrg\) cannot be used in this tenant/);
      assert.deepEqual(await rowCounts(storage.db), before);
    });

    it('reports every unresolved reference with its path, and writes nothing', async () => {
      const before = await rowCounts(storage.db);
      const bad: EnvironmentInput = {
        tenants: [
          {
            domain: 'woodgrove',
            users: [{ userPrincipalName: 'dan', roles: ['Supreme Leader'] }],
            groups: [{ displayName: 'Team', members: ['nobody@woodgrove.onmicrosoft.com'] }],
            applications: [
              { displayName: 'App', requiredPermissions: { 'Microsoft Graph': ['User.Fly'], 'Unknown API': ['x'], 'Microsoft Graph ': { application: ['User.Read'] } } },
            ],
            consent: [
              { application: 'App', user: 'erin' },
              { application: 'Nope' },
              { application: 'App', user: 'dan', permissions: { 'Microsoft Graph': { application: ['User.Read.All'] } } },
            ],
          },
        ],
      };
      const issues = await refusal(applyEnvironment(directory, bad));
      assert.deepEqual(issues, [
        "tenants[0].users[0].roles[0]: unknown directory role 'Supreme Leader' (see graph.md §2.9 for the built-in roles)",
        'tenants[0].applications[0].requiredPermissions["Microsoft Graph"][0]: Microsoft Graph has no permission \'User.Fly\'',
        'tenants[0].applications[0].requiredPermissions["Unknown API"]: unknown resource: give Microsoft Graph, an appId, an identifier URI or the displayName of an application in this file',
        'tenants[0].applications[0].requiredPermissions["Microsoft Graph "].application[0]: Microsoft Graph has no application permission \'User.Read\'',
        "tenants[0].groups[0].members[0]: no user, group or application 'nobody@woodgrove.onmicrosoft.com' in this tenant",
        "tenants[0].consent[0].user: no user 'erin' in this tenant",
        "tenants[0].consent[1].application: no application 'Nope' in the file or the directory",
        'tenants[0].consent[2].permissions["Microsoft Graph"]: a user consents to delegated permissions only; application permissions need admin consent (no user)',
      ]);
      assert.deepEqual(await rowCounts(storage.db), before);
    });

    it('rolls back earlier writes when the directory refuses a later one', async () => {
      const before = await rowCounts(storage.db);
      // The tenant is created first; the user's UPN suffix is not one of its domains.
      const issues = await refusal(applyEnvironment(directory, { tenants: [{ domain: 'tailspin', users: [{ userPrincipalName: 'eve@elsewhere.example' }] }] }));
      assert.equal(issues.length, 1);
      assert.match(issues[0] ?? '', /^tenants\[0\]\.users\[0\]: The domain portion of the userPrincipalName property is invalid/);
      assert.deepEqual(await rowCounts(storage.db), before);
      assert.equal(await directory.findTenantByDomain('tailspin.onmicrosoft.com'), undefined);
    });

    it('refuses a malformed environment with the path of each bad field', async () => {
      const issues = await refusal(
        applyEnvironment(directory, {
          tenants: [
            {
              domain: 'contoso',
              applications: [
                { displayName: 'A' },
                { displayName: 'B', spa: { redirectUris: ['https://ok.example/'] } },
                { displayName: 'C', web: { redirectUris: ['http://app.example.com/cb', 'https://*.example.com/cb'] }, publicClient: { redirectUris: ['msalabc://auth', 'not a uri'] } },
              ],
              users: [{ userPrincipalName: 'x', pasword: 'typo' }],
            },
          ],
        } as unknown as EnvironmentInput),
      );
      assert.deepEqual(issues, [
        'tenants[0].users[0].pasword: unknown field',
        'tenants[0].applications[2].web.redirectUris[0]: must be an absolute https URI (http only for http://localhost and http://127.0.0.1)',
        'tenants[0].applications[2].web.redirectUris[1]: must not contain wildcards (*)',
        'tenants[0].applications[2].publicClient.redirectUris[1]: must be an absolute URI',
      ]);
    });
  });
}
