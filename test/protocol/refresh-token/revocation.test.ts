/**
 * Consent given and taken back with `tessera consent` (the real CLI, on the server's database)
 * and through the Directory, as the next token sees it (issue 9 item 5; protocol.md §5.2, §5.3,
 * §14.2): client credentials lose a revoked role; a refresh asking for a revoked scope fails with
 * `invalid_grant` AADSTS65001 (`suberror: consent_required`), one asking for the rest still works,
 * `.default` yields what is still granted; a code redeemed after its scope was revoked fails too.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { GRAPH_APP_ID } from '../../../src/directory/graph-catalog.js';
import { runCli } from '../../helpers/cli-run.js';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { FormClient, signInForCode } from '../authorize/form-client.js';
import { ALICE, ALICE_PASSWORD, API_SCOPE, CAROL, CAROL_PASSWORD, environment, TENANT, WEB_APP, WEB_SECRET } from './refresh.config.js';

const CALLBACK = 'http://localhost:47323/callback';
const VERIFIER = 'v'.repeat(43) + 'revocation-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const DAEMON_APP = '7a000000-0000-4000-8000-0000000000d1';
const DAEMON_SECRET = 'daemon-secret~given.value.0001';
/** The directory's hot-path cache lives 5 s; a running server sees another process's write within it. */
const CACHE_WINDOW_BOUND_MS = 20_000;

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let dir: string;
let database: string;

before(async () => {
  // A database file, so that the CLI in its own process writes where the server reads.
  dir = await mkdtemp(join(tmpdir(), 'tessera-revocation-'));
  database = `sqlite:${join(dir, 'tessera.db')}`;
  const base = environment(CALLBACK);
  const tenants = (base.tenants ?? []).map((t) => (t.id !== TENANT ? t : { ...t, applications: [...(t.applications ?? []), { appId: DAEMON_APP, displayName: 'Daemon', secrets: [{ value: DAEMON_SECRET }] }] }));
  tessera = await bootTessera({ environment: { ...base, tenants }, database });
});
after(async () => {
  await tessera?.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = async (...args: string[]) => {
  const result = await runCli(['consent', ...args, '--tenant', TENANT, '--database', database, '--data-dir', dir]);
  assert.equal(result.code, 0, `${args.join(' ')}: exit ${result.code}\n${result.stderr}`);
  return result.stdout;
};
const token = (form: Record<string, string>) => postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, form);
const refresh = (rt: string, scope?: string) => token({ grant_type: 'refresh_token', client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt, ...(scope ? { scope } : {}) });
const daemonToken = () => token({ grant_type: 'client_credentials', client_id: DAEMON_APP, client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' });
const rolesOf = (body: Record<string, unknown>) => (decodeJwt(body.access_token as string).roles as string[] | undefined) ?? [];
const scpOf = (body: Record<string, unknown>) => String(decodeJwt(body.access_token as string).scp ?? '').split(' ').filter(Boolean).sort();

/** Signs `user` in at the web app for `scope` (accepting the consent page); returns the code. */
async function codeFor(scope: string, user: string, password: string): Promise<string> {
  const query = new URLSearchParams({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope, state: 's', code_challenge: CHALLENGE, code_challenge_method: 'S256' });
  const landed = await signInForCode(new FormClient(), tessera.url, `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${query}`, user, password);
  const code = landed.searchParams.get('code');
  assert.ok(code, landed.toString());
  return code;
}
const redeem = (code: string) => token({ grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK, code_verifier: VERIFIER });

async function refreshTokenFor(scope: string, user = ALICE, password = ALICE_PASSWORD): Promise<string> {
  const redeemed = await redeem(await codeFor(scope, user, password));
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  return redeemed.body.refresh_token as string;
}

/** The exact refusal of protocol.md §5.2 / §12.1 for a scope no longer consented. */
function assertConsentRequired(response: Awaited<ReturnType<typeof postForm>>, suberror: boolean): void {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  const body = response.body;
  assert.deepEqual(Object.keys(body).sort(), ['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', ...(suberror ? ['suberror'] : []), 'timestamp', 'trace_id'].sort());
  assert.equal(body.error, 'invalid_grant');
  assert.deepEqual(body.error_codes, [65001]);
  if (suberror) assert.equal(body.suberror, 'consent_required');
  const description = `AADSTS65001: The user or administrator has not consented to use the application with ID '${WEB_APP}' named 'Web App'. Send an interactive authorization request for this user and resource.`;
  assert.equal((body.error_description as string).split('\r\n')[0], description);
  assert.match(body.error_description as string, /\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
}

describe('revoking application permissions', () => {
  it('CLI grant → client credentials carry the role; CLI revoke → the next tokens lack it (within the cache window)', async () => {
    assert.match(await cli('grant', 'Daemon', '--application-permission', 'Microsoft Graph:User.Read.All,Mail.Read'), /application {2}Microsoft Graph: User\.Read\.All Mail\.Read/);
    const granted = await daemonToken();
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.deepEqual(rolesOf(granted.body).sort(), ['Mail.Read', 'User.Read.All']);

    assert.match(await cli('revoke', DAEMON_APP, '--application-permission', 'Microsoft Graph:Mail.Read'), /Revoked from Daemon .*\n {2}application {2}Microsoft Graph: Mail\.Read/);
    // The server runs in another process: its cache (5 s) may answer from before the revocation.
    const started = Date.now();
    let roles = rolesOf((await daemonToken()).body);
    while (roles.includes('Mail.Read') && Date.now() - started < CACHE_WINDOW_BOUND_MS) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      roles = rolesOf((await daemonToken()).body);
    }
    assert.deepEqual(roles, ['User.Read.All']);
  });

  it('through the server\'s own Directory a removal reaches the very next token', async () => {
    const daemon = await tessera.directory.getServicePrincipalByAppId(TENANT, DAEMON_APP);
    const graph = await tessera.directory.getServicePrincipalByAppId(TENANT, GRAPH_APP_ID);
    assert.ok(daemon && graph);
    const role = graph.appRoles.find((r) => r.value === 'User.Read.All');
    assert.ok(role);
    assert.deepEqual(rolesOf((await daemonToken()).body), ['User.Read.All']);
    assert.equal(await tessera.directory.removeAppRoleAssignment(TENANT, { principalId: daemon.id, resourceId: graph.id, appRoleId: role.id }), true);
    const after = await daemonToken();
    assert.equal(after.status, 200);
    assert.equal(decodeJwt(after.body.access_token as string).roles, undefined);
    // Nothing left to remove: false, and nothing changes.
    assert.equal(await tessera.directory.removeAppRoleAssignment(TENANT, { principalId: daemon.id, resourceId: graph.id, appRoleId: role.id }), false);
  });
});

describe('revoking delegated permissions', () => {
  it('a user\'s own grant: refresh for the revoked scope → AADSTS65001, for the rest → 200, .default → what is left', async () => {
    const rt = await refreshTokenFor(`User.Read Mail.Read ${API_SCOPE} openid offline_access`);
    const before = await refresh(rt, 'Mail.Read User.Read');
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.deepEqual(scpOf(before.body), ['Mail.Read', 'User.Read']);

    const out = await cli('revoke', 'Web App', '--user', ALICE, '--permission', 'Microsoft Graph:Mail.Read', '--json');
    assert.deepEqual((JSON.parse(out) as { delegated: unknown[] }).delegated, [
      { resourceAppId: GRAPH_APP_ID, resource: 'Microsoft Graph', consentType: 'Principal', principalId: (await tessera.directory.getUser(TENANT, ALICE))?.id, userPrincipalName: ALICE, scopes: ['Mail.Read'] },
    ]);

    assertConsentRequired(await refresh(rt, 'Mail.Read'), true);
    assertConsentRequired(await refresh(rt, 'User.Read Mail.Read offline_access'), true);
    // Without `scope`, the sign-in's scope is asked again, Mail.Read included.
    assertConsentRequired(await refresh(rt), true);
    const fewer = await refresh(rt, 'User.Read offline_access');
    assert.equal(fewer.status, 200, JSON.stringify(fewer.body));
    assert.deepEqual(scpOf(fewer.body), ['User.Read']);
    assert.equal(typeof fewer.body.refresh_token, 'string');
    const all = await refresh(rt, 'https://graph.microsoft.com/.default');
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual(scpOf(all.body), ['User.Read']);
    // The other resource of the same sign-in is untouched.
    const api = await refresh(rt, API_SCOPE);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.equal(decodeJwt(api.body.access_token as string).scp, 'access_as_user');

    // Everything of Graph revoked: .default has nothing left → AADSTS65001 as well.
    await cli('revoke', 'Web App', '--user', ALICE, '--permission', 'Microsoft Graph:User.Read,openid,offline_access');
    assertConsentRequired(await refresh(rt, 'https://graph.microsoft.com/.default'), true);
  });

  it('an admin grant for every user: CLI grant → a user\'s refresh carries it without a consent page; CLI revoke → AADSTS65001', async () => {
    const rt = await refreshTokenFor('User.Read openid offline_access', CAROL, CAROL_PASSWORD);
    assertConsentRequired(await refresh(rt, 'Calendars.Read'), true);
    assert.match(await cli('grant', 'Web App', '--permission', 'Microsoft Graph:Calendars.Read'), /delegated {4}Microsoft Graph: Calendars\.Read \(all users\)/);
    const granted = await refresh(rt, 'Calendars.Read');
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.deepEqual(scpOf(granted.body), ['Calendars.Read']);

    await cli('revoke', 'Web App', '--permission', 'Microsoft Graph:Calendars.Read');
    assertConsentRequired(await refresh(rt, 'Calendars.Read'), true);
    assert.equal((await refresh(rt, 'User.Read')).status, 200);
  });

  it('a scope revoked between /authorize and the code redemption is not minted: AADSTS65001', async () => {
    const code = await codeFor('User.Read Mail.Send offline_access', CAROL, CAROL_PASSWORD);
    const carol = await tessera.directory.getUser(TENANT, CAROL);
    const web = await tessera.directory.getServicePrincipalByAppId(TENANT, WEB_APP);
    const graph = await tessera.directory.getServicePrincipalByAppId(TENANT, GRAPH_APP_ID);
    assert.ok(carol && web && graph);
    const revoked = await tessera.directory.revokeDelegatedPermissions(TENANT, { clientId: web.id, resourceId: graph.id, principalId: carol.id, scopes: ['mail.send'] });
    assert.deepEqual(revoked.removed, ['Mail.Send']);
    assert.ok(revoked.grant && !revoked.grant.scope.split(' ').includes('Mail.Send'));
    assertConsentRequired(await redeem(code), false);
  });
});
