/**
 * Issue 6 item 7: dangerous registration values are refused with the field's path, by the one
 * validator in the directory (src/directory/application-urls.ts): `javascript:` / `data:` links
 * in `web.logoutUrl` / `web.homePageUrl`, and redirect URIs carrying a parameter the
 * authorization response writes (`code`, `state`, `iss`, `id_token`, …). Driven through the real
 * CLI (`tessera apply <file>`, `tessera apps add`) and through `createApplication` itself, the
 * entry point later Graph writes use.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { linkUrlProblem, redirectUriProblem } from '../../src/directory/application-urls.js';
import { ApplicationUrlError } from '../../src/directory/applications.js';
import { createDirectory } from '../../src/directory/index.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli } from '../helpers/cli-run.js';

const TENANT = '5c0e0000-0000-4000-8000-00000000a7e6';

const FILE = `
tenants:
  - id: ${TENANT}
    domain: hardening
    applications:
      - displayName: Fine
        web:
          redirectUris: ["https://fine.example/cb?tenant_hint=x"]
          logoutUrl: https://fine.example/signout
          homePageUrl: http://fine.example/
      - displayName: Dangerous
        web:
          redirectUris: ["https://app.example/cb", "https://app.example/cb?next=1", "https://app.example/cb?code=stolen"]
          logoutUrl: "javascript:alert(document.domain)"
          homePageUrl: "data:text/html,<script>alert(1)</script>"
        spa: { redirectUris: ["https://spa.example/?state=fixed"] }
        publicClient: { redirectUris: ["msalapp://auth?ISS=https://evil.example", "vbscript://x"] }
`;

describe('registration URL validation', () => {
  let dir: string;
  let database: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-hardening-reg-'));
    database = `sqlite:${join(dir, 'tessera.db')}`;
    await writeFile(join(dir, 'env.yaml'), FILE);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('refuses an environment file with every dangerous value at its file path, exit code 2, nothing applied', async () => {
    const result = await runCli(['apply', join(dir, 'env.yaml'), '--database', database]);
    assert.equal(result.code, 2, result.stderr);
    const lines = result.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('tenants['));
    assert.deepEqual(lines, [
      "tenants[0].applications[1].web.redirectUris[2]: must not carry the query parameter 'code': the authorization response adds it",
      "tenants[0].applications[1].spa.redirectUris[0]: must not carry the query parameter 'state': the authorization response adds it",
      "tenants[0].applications[1].publicClient.redirectUris[0]: must not carry the query parameter 'ISS': the authorization response adds it",
      'tenants[0].applications[1].publicClient.redirectUris[1]: must not use the vbscript: scheme',
      'tenants[0].applications[1].web.logoutUrl: must not use the javascript: scheme; use an https URL',
      'tenants[0].applications[1].web.homePageUrl: must not use the data: scheme; use an https URL',
    ]);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    const list = await runCli(['apps', 'list', '--json', '--database', database, '--tenant', TENANT]);
    // Nothing was applied: the tenant of the file does not exist either.
    assert.notEqual(list.code, 0);
  });

  it('refuses the same values from `tessera apps add` with the field path and exit code 2', async () => {
    assert.equal((await runCli(['tenants', 'create', 'clireg', '--id', TENANT, '--database', database])).code, 0);
    const logout = await runCli(['apps', 'add', 'Bad Logout', '--logout-url', 'javascript:alert(1)', '--database', database]);
    assert.equal(logout.code, 2, logout.stderr);
    assert.match(logout.stderr, /^ {2}web\.logoutUrl: must not use the javascript: scheme; use an https URL$/m);
    const home = await runCli(['apps', 'add', 'Bad Home', '--home-page-url', ' JAVA\tSCRIPT:alert(1)', '--database', database]);
    assert.equal(home.code, 2, home.stderr);
    assert.match(home.stderr, /^ {2}web\.homePageUrl: must not contain spaces or control characters$/m);
    const redirect = await runCli(['apps', 'add', 'Bad Redirect', '--web-redirect-uri', 'https://ok.example/cb', '--web-redirect-uri', 'https://ok.example/cb?id_token=x', '--database', database]);
    assert.equal(redirect.code, 2, redirect.stderr);
    assert.match(redirect.stderr, /^ {2}web\.redirectUris\[1\]: must not carry the query parameter 'id_token': the authorization response adds it$/m);
    const good = await runCli(['apps', 'add', 'Good', '--logout-url', 'https://good.example/signout', '--home-page-url', 'https://good.example/', '--web-redirect-uri', 'https://good.example/cb?area=eu', '--json', '--database', database]);
    assert.equal(good.code, 0, good.stderr);
    const apps = JSON.parse((await runCli(['apps', 'list', '--json', '--database', database])).stdout) as Array<{ displayName: string; web: { logoutUrl: string } }>;
    assert.deepEqual(apps.map((a) => [a.displayName, a.web.logoutUrl]), [['Good', 'https://good.example/signout']]);
  });

  it('refuses them in the directory itself, with property paths and nothing written', async () => {
    const storage = await openStorage(':memory:');
    try {
      const directory = createDirectory(storage);
      const tenant = await directory.createTenant({ id: TENANT, displayName: 'T', initialDomain: 'dirreg' });
      const error = await directory
        .createApplication(tenant.id, {
          displayName: 'Direct',
          web: { redirectUris: ['https://a.example/cb?error=x'], logoutUrl: 'data:,x', homePageUrl: 'file:///etc/passwd' },
          spa: { redirectUris: ['https://a.example/?Session_State=1'] },
        })
        .then(() => assert.fail('expected a refusal'), (e: unknown) => e);
      assert.ok(error instanceof ApplicationUrlError, String(error));
      assert.equal(error.kind, 'Validation');
      assert.deepEqual(error.issues.map((i) => i.path.join('/')), ['web/redirectUris/0', 'spa/redirectUris/0', 'web/logoutUrl', 'web/homePageUrl']);
      assert.match(error.message, /^web\.redirectUris\[0\]: must not carry the query parameter 'error'/);
      assert.deepEqual(await directory.listApplications(tenant.id), []);
    } finally {
      await storage.close();
    }
  });

  it('keeps ordinary values: https links, loopback http, custom schemes, harmless query strings', () => {
    assert.equal(linkUrlProblem('https://localhost:5001/signout-oidc', 'logoutUrl'), null);
    assert.equal(linkUrlProblem('http://localhost:3000/signout', 'logoutUrl'), null);
    assert.equal(linkUrlProblem('http://app.example/signout', 'logoutUrl'), 'must be an https URL (http only for http://localhost and http://127.0.0.1)');
    assert.equal(linkUrlProblem('http://app.example/', 'homePageUrl'), null);
    assert.equal(linkUrlProblem('signout', 'logoutUrl'), 'must be an absolute https URL');
    assert.equal(redirectUriProblem('https://app.example/cb?codec=h264&statement=1', 'web'), null);
    assert.equal(redirectUriProblem('msal5c0e0000-0000-4000-8000-0000000000a1://auth', 'publicClient'), null);
    assert.equal(redirectUriProblem('https://app.example/c b', 'web'), 'must not contain spaces or control characters');
    assert.equal(redirectUriProblem('https://app.example/cb?x=1&scope=y', 'web'), "must not carry the query parameter 'scope': the authorization response adds it");
  });
});
