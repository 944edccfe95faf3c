/**
 * `tessera consent grant|revoke|list` through the real CLI process (issue 9 item 8): permission
 * names as environment files write them, user and admin (AllPrincipals) grants, application
 * permissions, what an app requires, provisioning in another tenant, idempotent grants, `--all`,
 * the text and JSON listings, and refusals (exit 2, the bad option named, nothing written).
 * How a revocation reaches tokens is test/protocol/refresh-token/revocation.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GRAPH_APP_ID } from '../../src/directory/graph-catalog.js';
import { createDirectory } from '../../src/directory/index.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli, type CliResult } from '../helpers/cli-run.js';

const CONTOSO = '5c0e0000-0000-4000-8000-00000000c0a1';
const FABRIKAM = '5c0e0000-0000-4000-8000-00000000c0a2';
const WEB = '5c0e0000-0000-4000-8000-0000000000a1';
const DAEMON = '5c0e0000-0000-4000-8000-0000000000a2';
const NOTES = '5c0e0000-0000-4000-8000-0000000000a3';
const MULTI = '5c0e0000-0000-4000-8000-0000000000a4';

const ENVIRONMENT = {
  tenants: [
    {
      id: CONTOSO,
      displayName: 'Contoso',
      domain: 'contoso',
      users: [{ userPrincipalName: 'alice', password: 'Alice-Pass-1!' }, { userPrincipalName: 'bob', password: 'Bob-Pass-1!' }],
      applications: [
        { appId: WEB, displayName: 'Web', web: { redirectUris: ['https://web.example/cb'] }, requiredPermissions: { 'Microsoft Graph': ['User.Read'] } },
        { appId: DAEMON, displayName: 'Daemon', requiredPermissions: { 'Microsoft Graph': { application: ['User.Read.All'] }, 'Notes API': { application: ['Notes.Read.All'] } } },
        { appId: NOTES, displayName: 'Notes API', identifierUris: [`api://${NOTES}`], scopes: [{ value: 'access_as_user' }], appRoles: [{ value: 'Notes.Read.All', allowedMemberTypes: ['Application'] }] },
        { appId: MULTI, displayName: 'Multi', signInAudience: 'AzureADMultipleOrgs', web: { redirectUris: ['https://multi.example/cb'] }, requiredPermissions: { 'Microsoft Graph': ['User.Read'] } },
      ],
    },
    { id: FABRIKAM, displayName: 'Fabrikam', domain: 'fabrikam', users: [{ userPrincipalName: 'dave', password: 'Dave-Pass-1!' }] },
  ],
};

interface Listing {
  tenantId: string;
  oauth2PermissionGrants: Array<{ clientAppId: string; consentType: string; principalUserPrincipalName: string | null; resourceAppId: string; resourceDisplayName: string; scope: string }>;
  appRoleAssignments: Array<{ clientAppId: string; principalType: string; resourceAppId: string; appRoleValue: string | null }>;
}

function ok(result: CliResult): string {
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}`);
  return result.stdout;
}

function refused(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 2, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe('tessera consent', () => {
  let dir: string;
  const consent = (...args: string[]) => runCli(['consent', ...args, '--data-dir', dir]);
  const list = async (...args: string[]) => JSON.parse(ok(await consent('list', '--json', ...args))) as Listing;
  /** Grants as `client resource consentType upn: scope`, sorted. */
  const delegatedOf = (l: Listing) => l.oauth2PermissionGrants.map((g) => `${g.clientAppId} ${g.resourceDisplayName} ${g.consentType} ${g.principalUserPrincipalName ?? '-'}: ${g.scope}`).sort();
  const rolesOf = (l: Listing) => l.appRoleAssignments.map((a) => `${a.clientAppId} ${a.resourceAppId} ${a.appRoleValue}`).sort();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-cli-consent-'));
    await writeFile(join(dir, 'env.json'), JSON.stringify(ENVIRONMENT));
    ok(await runCli(['apply', join(dir, 'env.json'), '--data-dir', dir]));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('grants delegated permissions to a user and to everyone, and application permissions; re-granting changes nothing', async () => {
    assert.equal(
      ok(await consent('grant', 'Web', '--tenant', 'contoso', '--user', 'alice', '--permission', 'Microsoft Graph:User.Read,Mail.Read', '--permission', `api://${NOTES}:access_as_user`)),
      `Granted to Web (${WEB}) in tenant ${CONTOSO}:\n  delegated    Microsoft Graph: User.Read Mail.Read (alice@contoso.onmicrosoft.com)\n  delegated    Notes API: access_as_user (alice@contoso.onmicrosoft.com)\n`,
    );
    const json = JSON.parse(ok(await consent('grant', WEB, '--tenant', CONTOSO, '--permission', 'Microsoft Graph:Calendars.Read', '--application-permission', 'Notes API:Notes.Read.All', '--json')));
    assert.deepEqual(json, {
      tenantId: CONTOSO,
      clientAppId: WEB,
      client: 'Web',
      delegated: [{ resourceAppId: GRAPH_APP_ID, resource: 'Microsoft Graph', consentType: 'AllPrincipals', principalId: null, userPrincipalName: null, scopes: ['Calendars.Read'] }],
      application: [{ resourceAppId: NOTES, resource: 'Notes API', roles: ['Notes.Read.All'] }],
    });
    const expected = [
      `${WEB} Microsoft Graph AllPrincipals -: Calendars.Read`,
      `${WEB} Microsoft Graph Principal alice@contoso.onmicrosoft.com: User.Read Mail.Read`,
      `${WEB} Notes API Principal alice@contoso.onmicrosoft.com: access_as_user`,
    ];
    const first = await list('--tenant', 'contoso', '--app', 'Web');
    assert.deepEqual(delegatedOf(first), expected);
    assert.deepEqual(rolesOf(first), [`${WEB} ${NOTES} Notes.Read.All`]);
    assert.equal(first.appRoleAssignments[0]?.principalType, 'ServicePrincipal');
    // Idempotent: the same grant again (names in another case) adds nothing.
    ok(await consent('grant', 'Web', '--tenant', 'contoso', '--user', 'alice@contoso.onmicrosoft.com', '--permission', 'microsoft graph:mail.read'));
    ok(await consent('grant', 'Web', '--tenant', 'contoso', '--application-permission', 'Notes API:Notes.Read.All'));
    const again = await list('--tenant', 'contoso', '--app', WEB);
    assert.deepEqual(delegatedOf(again), expected);
    assert.deepEqual(rolesOf(again), rolesOf(first));
  });

  it('without permission options grants what the app requires; in another tenant it provisions the app first', async () => {
    assert.match(ok(await consent('grant', 'Daemon', '--tenant', 'contoso')), /application {2}Microsoft Graph: User\.Read\.All\n {2}application {2}Notes API: Notes\.Read\.All/);
    assert.deepEqual(rolesOf(await list('--tenant', 'contoso', '--app', 'Daemon')), [`${DAEMON} ${GRAPH_APP_ID} User.Read.All`, `${DAEMON} ${NOTES} Notes.Read.All`].sort());
    // A multi-tenant app in Fabrikam: its service principal appears there with the consent.
    assert.deepEqual((await list('--tenant', 'fabrikam')).oauth2PermissionGrants, []);
    ok(await consent('grant', 'Multi', '--tenant', 'fabrikam', '--user', 'dave'));
    assert.deepEqual(delegatedOf(await list('--tenant', FABRIKAM)), [`${MULTI} Microsoft Graph Principal dave@fabrikam.onmicrosoft.com: User.Read`]);
    // A single-tenant app cannot be used there (protocol.md §15.2).
    refused(await consent('grant', 'Web', '--tenant', 'fabrikam'), /Application '5c0e0000-0000-4000-8000-0000000000a1' \(AzureADMyOrg\) cannot be used in tenant/);
  });

  it('lists as a table', async () => {
    const text = ok(await consent('list', '--tenant', 'contoso'));
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^client +appId +resource +type +consent for +permissions$/);
    assert.ok(lines.some((l) => /^Web +5c0e0000-0000-4000-8000-0000000000a1 +Microsoft Graph +delegated +alice@contoso\.onmicrosoft\.com +User\.Read Mail\.Read$/.test(l)), text);
    assert.ok(lines.some((l) => /^Web +\S+ +Microsoft Graph +delegated +all users +Calendars\.Read$/.test(l)), text);
    assert.ok(lines.some((l) => /^Daemon +5c0e0000-0000-4000-8000-0000000000a2 +Microsoft Graph +application +- +User\.Read\.All$/.test(l)), text);
    assert.equal(ok(await consent('list', '--tenant', 'contoso', '--app', 'Notes API')), '(none)\n');
  });

  it('revokes named permissions, then --all for a user and for the whole app; nothing left → "Nothing to revoke"', async () => {
    assert.equal(
      ok(await consent('revoke', 'Web', '--tenant', 'contoso', '--user', 'alice', '--permission', 'Microsoft Graph:Mail.Read')),
      `Revoked from Web (${WEB}) in tenant ${CONTOSO}:\n  delegated    Microsoft Graph: Mail.Read (alice@contoso.onmicrosoft.com)\n`,
    );
    assert.deepEqual(delegatedOf(await list('--tenant', 'contoso', '--app', 'Web')), [
      `${WEB} Microsoft Graph AllPrincipals -: Calendars.Read`,
      `${WEB} Microsoft Graph Principal alice@contoso.onmicrosoft.com: User.Read`,
      `${WEB} Notes API Principal alice@contoso.onmicrosoft.com: access_as_user`,
    ]);
    // The user's own grants only: the admin grant and the application permission stay.
    const mine = JSON.parse(ok(await consent('revoke', 'Web', '--tenant', 'contoso', '--user', 'alice', '--all', '--json'))) as { delegated: Array<{ resource: string; scopes: string[] }>; application: unknown[] };
    assert.deepEqual(mine.delegated.map((d) => `${d.resource}: ${d.scopes.join(' ')}`).sort(), ['Microsoft Graph: User.Read', 'Notes API: access_as_user']);
    assert.deepEqual(mine.application, []);
    const left = await list('--tenant', 'contoso', '--app', 'Web');
    assert.deepEqual(delegatedOf(left), [`${WEB} Microsoft Graph AllPrincipals -: Calendars.Read`]);
    assert.deepEqual(rolesOf(left), [`${WEB} ${NOTES} Notes.Read.All`]);

    assert.match(ok(await consent('revoke', 'Web', '--tenant', 'contoso', '--all')), /delegated {4}Microsoft Graph: Calendars\.Read \(all users\)\n {2}application {2}Notes API: Notes\.Read\.All/);
    const none = await list('--tenant', 'contoso', '--app', 'Web');
    assert.deepEqual([none.oauth2PermissionGrants, none.appRoleAssignments], [[], []]);
    assert.equal(ok(await consent('revoke', 'Web', '--tenant', 'contoso', '--permission', 'Microsoft Graph:User.Read')), `Nothing to revoke: Web (${WEB}) in tenant ${CONTOSO} holds none of these permissions.\n`);
    // The daemon's application permissions by name.
    ok(await consent('revoke', 'Daemon', '--tenant', 'contoso', '--application-permission', 'Microsoft Graph:User.Read.All'));
    assert.deepEqual(rolesOf(await list('--tenant', 'contoso', '--app', 'Daemon')), [`${DAEMON} ${NOTES} Notes.Read.All`]);
  });

  it('tenants set --user-consent stores the tenant\'s policy (case-insensitive), which the directory then answers', async () => {
    assert.match(ok(await runCli(['tenants', 'set', 'contoso', '--user-consent', 'NOTALLOWED', '--data-dir', dir])), /^Tenant Contoso \(5c0e0000-0000-4000-8000-00000000c0a1\): user consent notAllowed$/m);
    const storage = await openStorage(`sqlite:${join(dir, 'tessera.db')}`);
    try {
      const directory = createDirectory(storage);
      assert.equal(await directory.getUserConsentPolicy(CONTOSO), 'notAllowed');
      assert.equal(await directory.getUserConsentPolicy(FABRIKAM), 'allowed', 'other tenants keep theirs');
    } finally {
      await storage.close();
    }
    ok(await runCli(['tenants', 'set', CONTOSO, '--user-consent', 'allowed', '--data-dir', dir]));
  });

  it('refuses bad names, unknown apps and users, and contradictory options: exit 2, the option named, nothing written', async () => {
    const before = await list('--tenant', 'contoso');
    const results = await Promise.all([
      consent('grant', 'Web', '--tenant', 'contoso', '--permission', 'Microsoft Graph:User.Read,User.Fly'),
      consent('grant', 'Daemon', '--tenant', 'contoso', '--application-permission', 'Microsoft Graph:Mail.Fly'),
      consent('revoke', 'Web', '--tenant', 'contoso', '--permission', 'Nowhere API:User.Read'),
      consent('grant', 'Web', '--tenant', 'contoso', '--permission', 'User.Read'),
      consent('grant', 'Nope', '--tenant', 'contoso'),
      consent('list', '--tenant', 'contoso', '--app', '5c0e0000-0000-4000-8000-0000000000ff'),
      consent('grant', 'Web', '--tenant', 'contoso', '--user', 'erin', '--permission', 'Microsoft Graph:User.Read'),
      consent('grant', 'Daemon', '--tenant', 'contoso', '--user', 'alice', '--application-permission', 'Microsoft Graph:User.Read.All'),
      consent('revoke', 'Web', '--tenant', 'contoso'),
      consent('revoke', 'Web', '--tenant', 'contoso', '--all', '--permission', 'Microsoft Graph:User.Read'),
      consent('grant', 'Web', '--tenant', 'nowhere'),
      runCli(['tenants', 'set', 'contoso', '--user-consent', 'maybe', '--data-dir', dir]),
    ]);
    const messages = [
      /^tessera: --permission "Microsoft Graph": Microsoft Graph has no delegated permission 'User\.Fly'$/m,
      /^tessera: --application-permission "Microsoft Graph": Microsoft Graph has no application permission 'Mail\.Fly'$/m,
      /^tessera: --permission "Nowhere API": unknown resource/m,
      /^tessera: --permission: 'User\.Read' is not "<resource>:<permission>/m,
      /^tessera: no application 'Nope'/m,
      /^tessera: no application '5c0e0000-0000-4000-8000-0000000000ff'/m,
      /^tessera: --user: no user 'erin'/m,
      /^tessera: --application-permission: a user consents to delegated permissions only/m,
      /^tessera: name what to revoke with --permission or --application-permission, or give --all$/m,
      /^tessera: --all: give either --all or permissions to revoke, not both$/m,
      /^tessera: no tenant 'nowhere'/m,
      /^tessera: --user-consent: 'maybe' is not one of allowed, notAllowed, lowRisk$/m,
    ];
    results.forEach((result, i) => refused(result, messages[i] as RegExp));
    assert.deepEqual(await list('--tenant', 'contoso'), before);
  });
});
