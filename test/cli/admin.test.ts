/**
 * The admin commands through the real CLI process (tenants, users, apps, secrets, keys), their
 * effect checked in the database, and the exit codes: 0 ok, 1 runtime error, 2 usage error.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifySecret } from '../../src/directory/credentials.js';
import { createDirectory } from '../../src/directory/index.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli, type CliResult } from '../helpers/cli-run.js';

const TENANT = '5c0e0000-0000-4000-8000-00000000c11a';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

function ok(result: CliResult): string {
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stderr}`);
  return result.stdout;
}

describe('tessera admin commands', () => {
  let dir: string;
  let db: string[];
  const cli = (...args: string[]) => runCli([...args, ...db]);
  const inDirectory = async <T>(work: (d: ReturnType<typeof createDirectory>) => Promise<T>): Promise<T> => {
    const storage = await openStorage(`sqlite:${join(dir, 'tessera.db')}`);
    try {
      return await work(createDirectory(storage));
    } finally {
      await storage.close();
    }
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-cli-admin-'));
    db = ['--data-dir', dir];
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates and lists tenants; a duplicate is a runtime error (1) without a stack trace', async () => {
    assert.match(ok(await cli('tenants', 'create', 'clicorp', '--name', 'CLI Corp', '--id', TENANT)), new RegExp(`Created tenant CLI Corp: ${TENANT} \\(clicorp\\.onmicrosoft\\.com\\)`));
    const list = JSON.parse(ok(await cli('tenants', 'list', '--json'))) as Array<{ id: string; kind: string }>;
    assert.deepEqual(list.map((t) => t.id).sort(), [TENANT, '9188040d-6c67-4c5b-b112-36a304b66dad'].sort());
    const again = await cli('tenants', 'create', 'clicorp');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^tessera: .*already/m);
    assert.doesNotMatch(again.stderr, /\n\s+at /);
  });

  it('adds users with roles and MFA in the only tenant; an unknown role is a usage error (2)', async () => {
    assert.match(ok(await cli('users', 'add', 'alice', '--password', 'Alice-Pass-1!', '--role', 'Global Administrator', '--mfa')), /Created user alice@clicorp\.onmicrosoft\.com/);
    const bad = await cli('users', 'add', 'bob', '--role', 'Boss');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--role: unknown directory role 'Boss'/);
    const users = JSON.parse(ok(await cli('users', 'list', '--json'))) as Array<{ userPrincipalName: string; directoryRoles: string[]; mfa: { required: boolean } }>;
    assert.deepEqual(users.map((u) => [u.userPrincipalName, u.directoryRoles, u.mfa.required]), [['alice@clicorp.onmicrosoft.com', [GLOBAL_ADMIN], true]]);
    const verified = await inDirectory(async (d) => d.verifyPassword((await d.getUser(TENANT, 'alice@clicorp.onmicrosoft.com'))?.id ?? '', 'Alice-Pass-1!'));
    assert.equal(verified, true);
  });

  it('registers apps with the environment rules, consents, and adds secrets that verify', async () => {
    const added = ok(await cli('apps', 'add', 'Web', '--web-redirect-uri', 'https://web.example/cb', '--permission', 'Microsoft Graph:User.Read.All', '--admin-consent', '--secret'));
    const appId = /client id ([0-9a-f-]{36})/.exec(added)?.[1] ?? '';
    const first = /Client secret \(shown once\): (\S+)/.exec(added)?.[1] ?? '';
    // The file format is checked first, then names are resolved: two separate refusals.
    const [badUri, badPermission] = await Promise.all([
      cli('apps', 'add', 'Bad', '--web-redirect-uri', 'http://bad.example/cb'),
      cli('apps', 'add', 'Bad', '--permission', 'Microsoft Graph:User.Fly'),
    ]);
    assert.deepEqual([badUri.code, badPermission.code], [2, 2]);
    assert.match(badUri.stderr, /web\.redirectUris\[0\]: must be an absolute https URI/);
    assert.match(badPermission.stderr, /requiredPermissions\["Microsoft Graph"\]\[0\]: Microsoft Graph has no permission 'User\.Fly'/);
    const second = /Client secret \(shown once\): (\S+)/.exec(ok(await cli('apps', 'secret', 'add', 'Web', '--name', 'second')))?.[1] ?? '';
    const apps = JSON.parse(ok(await cli('apps', 'list', '--json'))) as Array<{ displayName: string }>;
    assert.deepEqual(apps.map((a) => a.displayName), ['Web']);
    await inDirectory(async (d) => {
      const secrets = (await d.getClientCredentials(appId))?.secrets ?? [];
      assert.equal(secrets.length, 2);
      for (const value of [first, second]) {
        const results = await Promise.all(secrets.map((s) => verifySecret(value, s.secretHash)));
        assert.ok(results.includes(true), 'printed secret verifies');
      }
      const sp = await d.getServicePrincipalByAppId(TENANT, appId);
      assert.deepEqual((await d.listAppRoleAssignments(TENANT, sp?.id ?? '')).map((r) => r.appRoleId), ['df021288-bdef-4463-88db-98f22de89214']);
    });
  });

  it('lists and rotates the signing keys', async () => {
    const before = JSON.parse(ok(await cli('keys', 'list', '--json'))) as Array<{ kid: string; status: string }>;
    const next = before.find((k) => k.status === 'next')?.kid;
    const active = before.find((k) => k.status === 'active')?.kid;
    assert.ok(next && active);
    const after = JSON.parse(ok(await cli('keys', 'rotate', '--json'))) as Array<{ kid: string; status: string }>;
    assert.equal(after.find((k) => k.status === 'active')?.kid, next);
    assert.equal(after.find((k) => k.kid === active)?.status, 'retired');
    assert.ok(after.some((k) => k.status === 'next' && k.kid !== next));
  });

  it('takes --tenant by the short name of its initial domain, as environment files do', async () => {
    // A second tenant: from now on a command must say which one it means.
    ok(await cli('tenants', 'create', 'othercorp.onmicrosoft.com'));
    const unnamed = await cli('users', 'list');
    assert.equal(unnamed.code, 2);
    assert.match(unnamed.stderr, /several tenants exist: choose one with --tenant/);
    const upns = async (tenant: string) => (JSON.parse(ok(await cli('users', 'list', '--tenant', tenant, '--json'))) as Array<{ userPrincipalName: string }>).map((u) => u.userPrincipalName);
    for (const ref of ['clicorp', 'CLICorp', 'clicorp.onmicrosoft.com', TENANT]) assert.deepEqual(await upns(ref), ['alice@clicorp.onmicrosoft.com'], ref);
    assert.deepEqual(await upns('othercorp'), []);
    assert.match(ok(await cli('users', 'add', 'carol', '--tenant', 'othercorp')), /Created user carol@othercorp\.onmicrosoft\.com/);
    const missing = await cli('apps', 'list', '--tenant', 'nocorp');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^tessera: no tenant 'nocorp' \(give its id, one of its domains, or the name of its initial domain/);
  });

  it('answers --help with exit 0 and usage mistakes with exit 2', async () => {
    const results = await Promise.all([
      runCli(['--help']),
      runCli(['keys', 'rotate', '--help']),
      runCli(['users', 'add']),
      runCli(['start', '--port', 'abc']),
      runCli(['start', '--log-level', 'loud', '--data-dir', dir]),
      runCli(['start', '--workers', '2', '--database', ':memory:', '--data-dir', dir]),
      runCli(['tenants', 'list', '--data-dir', dir, '--bogus']),
    ]);
    assert.deepEqual(results.map((r) => r.code), [0, 0, 2, 2, 2, 2, 2]);
    const [help, rotateHelp, missing, port, level, workers, unknown] = results;
    for (const command of ['start', 'apply', 'keys', 'tenants', 'users', 'apps']) assert.match(help?.stdout ?? '', new RegExp(`\\n  ${command}\\b`));
    assert.match(rotateHelp?.stdout ?? '', /Usage: tessera keys rotate/);
    assert.match(missing?.stderr ?? '', /missing required argument 'userPrincipalName'/);
    assert.match(port?.stderr ?? '', /option '--port <port>' argument 'abc' is invalid/);
    assert.match(level?.stderr ?? '', /logLevel: /);
    assert.match(workers?.stderr ?? '', /--workers needs a shared database/);
    assert.match(unknown?.stderr ?? '', /unknown option '--bogus'/);
  });
});
