/**
 * The complete example of docs/environment.md is a real environment: the doc shows
 * docs/examples/environment.yaml verbatim, the files it references are shipped next to it, it
 * applies, and applying it again creates nothing (docs tested against the code, shared/style.md
 * convention 5). Through the real CLI: the first `tessera apply` prints each generated secret
 * exactly once (and `--json` carries it), the secret works at the token endpoint of a server
 * started on that data directory, and a second run prints that nothing changed and no secret.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createDirectory } from '../../src/directory/index.js';
import { applyEnvironmentFile } from '../../src/environment/apply.js';
import type { AppliedSummary } from '../../src/environment/summary.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { runCli, startCli } from '../helpers/cli-run.js';
import { rowCounts } from '../helpers/env-counts.js';

const EXAMPLE = fileURLToPath(new URL('../../docs/examples/environment.yaml', import.meta.url));
const CONTOSO = '3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f';
// Credentials the file gives: the file's own, never echoed back.
const GIVEN = ['orders-web-secret~0123456789', 'Admin-Pass-1!', 'Alice-Pass-1!', 'Bob-Pass-1!', 'Carol-Pass-1!', 'Casey-Pass-1!', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'];

const occurrences = (text: string, value: string) => text.split(value).length - 1;

function postForm(url: string, form: Record<string, string>, ca: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(new URLSearchParams(form).toString());
  });
}

describe('docs/environment.md example', () => {
  let storage: Storage;
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-docs-example-'));
    dirs.push(dir);
    return dir;
  };
  before(async () => {
    storage = await openStorage(':memory:');
  });
  after(async () => {
    await storage.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is shown verbatim in the doc', async () => {
    const doc = await readFile(new URL('../../docs/environment.md', import.meta.url), 'utf8');
    const shown = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(shown, 'docs/environment.md has a complete YAML example');
    assert.equal(shown, await readFile(EXAMPLE, 'utf8'), 'the doc shows docs/examples/environment.yaml as it is');
  });

  it('applies with the files shipped next to it, and a second time creates nothing', async () => {
    const directory = createDirectory(storage);
    const first = await applyEnvironmentFile(directory, EXAMPLE);
    assert.deepEqual(first.created, { tenants: 2, users: 5, groups: 2, applications: 5, secrets: 2, certificates: 1, members: 5, consents: 4, assignments: 0 });
    assert.deepEqual(first.warnings, []);
    const counts = await rowCounts(storage.db);
    const second = await applyEnvironmentFile(directory, EXAMPLE);
    assert.ok(Object.values(second.created).every((n) => n === 0));
    assert.deepEqual(await rowCounts(storage.db), counts);
    const fabrikam = first.tenants.find((t) => t.domain === 'fabrikam.onmicrosoft.com');
    const cli = first.applications.find((a) => a.displayName === 'Orders CLI');
    assert.ok(fabrikam && cli);
    assert.ok(await directory.getServicePrincipalByAppId(fabrikam.id, cli.appId), 'consent provisioned the multi-tenant app');
  });

  it('`tessera apply` prints each generated secret once, the secret works, and a second run prints nothing changed and no secret', async () => {
    const dataDir = await tempDir();
    const first = await runCli(['apply', EXAMPLE, '--data-dir', dataDir]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created 2 tenants, 5 users, 2 groups, 5 applications, 2 secrets, 1 certificate, 5 group members, 4 consents/);
    assert.match(first.stdout, new RegExp(`authority  https://localhost:8443/${CONTOSO}\\n`));
    assert.match(first.stdout, /Authorities use https:\/\/localhost:8443, from the configuration/);
    assert.match(first.stdout, /Nightly Job \(daemon\) {2}client id [0-9a-f-]{36}/);
    assert.match(first.stdout, /alice@contoso\.example +password from the file +\(MFA\)/);
    // The example has one generated secret (Nightly Job's); the other is given.
    const printed = [...first.stdout.matchAll(/secret {7}(\S+) {3}\(new "generated": shown only now\)/g)].map((m) => m[1] ?? '');
    assert.equal(printed.length, 1);
    const [secret = ''] = printed;
    assert.ok(secret.length >= 40);
    assert.equal(occurrences(first.stdout + first.stderr, secret), 1, 'the generated secret is printed exactly once');
    assert.match(first.stdout, /secret {7}"local dev": the value given in the file/);
    for (const given of GIVEN) assert.equal(occurrences(first.stdout, given), 0, `${given} (from the file) is not echoed`);

    const second = await runCli(['apply', EXAMPLE, '--data-dir', dataDir]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /already up to date, nothing created or changed/);
    assert.match(second.stdout, /secret {7}"generated" exists: its value is not recoverable/);
    assert.match(second.stdout, /tessera apps secret add <client id>/);
    assert.equal(occurrences(second.stdout, secret), 0, 'the secret is not shown again');
    assert.doesNotMatch(second.stdout, /shown only now/);

    // The printed value is the app's real secret: a server on that data directory takes it.
    const appId = /Nightly Job \(daemon\) {2}client id ([0-9a-f-]{36})/.exec(first.stdout)?.[1] ?? '';
    const server = startCli(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
    try {
      const url = (await server.waitFor(/Tessera is listening on (https:\/\/localhost:\d+)/))[1] ?? '';
      const ca = await readFile(join(dataDir, 'ca.pem'));
      const token = (clientSecret: string) =>
        postForm(`${url}/${CONTOSO}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: appId, client_secret: clientSecret, scope: 'https://graph.microsoft.com/.default' }, ca);
      const ok = await token(secret);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.token_type, 'Bearer');
      assert.deepEqual((await token(`${secret}x`)).body.error_codes, [7000215]);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('`tessera apply --json` carries each generated secret once, and not the values the file gave', async () => {
    const dataDir = await tempDir();
    const first = await runCli(['apply', EXAMPLE, '--data-dir', dataDir, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(first.stdout) as AppliedSummary;
    assert.equal(summary.url, 'https://localhost:8443');
    assert.equal(summary.urlSource, 'configuration');
    const contoso = summary.tenants.find((t) => t.id === CONTOSO);
    assert.equal(contoso?.authority, `https://localhost:8443/${CONTOSO}`);
    const secrets = summary.tenants.flatMap((t) => t.applications.flatMap((a) => a.secrets.map((s) => ({ app: a.displayName, ...s }))));
    assert.deepEqual(
      secrets.map(({ app, displayName, origin }) => ({ app, displayName, origin })),
      [
        { app: 'Orders Web', displayName: 'local dev', origin: 'given' },
        { app: 'Nightly Job', displayName: 'generated', origin: 'generated' },
      ],
    );
    const generated = secrets.find((s) => s.origin === 'generated')?.value ?? '';
    assert.ok(generated.length >= 40);
    assert.equal(occurrences(first.stdout, generated), 1);
    assert.equal(secrets.find((s) => s.origin === 'given')?.value, null);
    for (const given of GIVEN) assert.equal(occurrences(first.stdout, given), 0, `${given} (from the file) is not echoed`);
    assert.ok(contoso?.users.every((u) => u.password === null && u.passwordSet));

    const second = await runCli(['apply', EXAMPLE, '--data-dir', dataDir, '--json']);
    assert.equal(second.code, 0, second.stderr);
    const again = JSON.parse(second.stdout) as AppliedSummary;
    assert.ok(Object.values(again.created).every((n) => n === 0));
    const nightly = again.tenants.flatMap((t) => t.applications).find((a) => a.displayName === 'Nightly Job');
    assert.deepEqual(nightly?.secrets.map((s) => [s.origin, s.value]), [['existing', null]]);
    assert.equal(occurrences(second.stdout, generated), 0);
  });
});
