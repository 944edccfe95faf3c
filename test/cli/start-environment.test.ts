/**
 * `tessera start --environment FILE` prints the environment's summary with the running server's
 * authorities: the first start prints each generated secret exactly once (and it works at that
 * server's token endpoint); a restart prints that nothing changed, that the secret exists and
 * is not recoverable, and no secret value. Values the file gives are never echoed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type CliServer } from '../helpers/cli-run.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const TENANT = '5e7a1b2c-0000-4000-8000-00000000e0e0';
const GIVEN_SECRET = 'given-secret~0001';
const PASSWORD = 'Ada-Pass-1!';
const ENVIRONMENT = `
tenants:
  - id: ${TENANT}
    domain: startsummary
    users: [{ userPrincipalName: ada, password: ${PASSWORD}, roles: [Global Administrator] }]
    applications:
      - displayName: Worker
        requiredPermissions: { Microsoft Graph: [User.Read.All] }
        secrets: [{ displayName: ci }, { value: ${GIVEN_SECRET}, displayName: fixed }]
    consent: [{ application: Worker }]
`;

const occurrences = (text: string, value: string) => text.split(value).length - 1;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

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

describe('tessera start --environment summary', () => {
  let dir: string;
  let server: CliServer | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-cli-start-env-'));
    await writeFile(join(dir, 'env.yaml'), ENVIRONMENT);
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  // `end`: the summary's closing note about secrets, printed once the server's URL is known.
  const start = async (end: RegExp) => {
    server = startCli(['--environment', join(dir, 'env.yaml'), '--data-dir', join(dir, 'data'), '--port', '0', '--log-level', 'warn']);
    const url = (await server.waitFor(LISTENING))[1] ?? '';
    await server.waitFor(end);
    return { server, url, out: server.output() };
  };
  let secret = '';

  it('prints tenants with the running server’s authorities, users, client ids and the generated secret once; the secret works', async () => {
    const { server, url, out } = await start(/Store the new secrets now.*\n/);
    assert.match(out, /Applied .*env\.yaml: created 1 tenant, 1 user, 1 application, 2 secrets, 1 consent/);
    assert.match(out, new RegExp(`Tenant startsummary: ${TENANT} \\(startsummary\\.onmicrosoft\\.com\\)\\n  authority  ${escape(url)}/${TENANT}\\n`));
    assert.match(out, new RegExp(`${escape(url)}/startsummary\\.onmicrosoft\\.com`));
    assert.doesNotMatch(out, /from the configuration/, 'the URL is the server’s own');
    assert.match(out, /ada@startsummary\.onmicrosoft\.com +password from the file +\(Global Administrator\)/);
    const appId = /Worker \(daemon\) {2}client id ([0-9a-f-]{36})/.exec(out)?.[1] ?? '';
    assert.ok(appId);
    secret = /secret {7}(\S+) {3}\(new "ci": shown only now\)/.exec(out)?.[1] ?? '';
    assert.ok(secret.length >= 40, out);
    assert.equal(occurrences(out + server.stderr(), secret), 1, 'the generated secret is printed exactly once');
    assert.match(out, /secret {7}"fixed": the value given in the file/);
    assert.equal(occurrences(out + server.stderr(), GIVEN_SECRET), 0);
    assert.equal(occurrences(out + server.stderr(), PASSWORD), 0);

    const ca = await readFile(join(dir, 'data', 'ca.pem'));
    const token = await postForm(`${url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }, ca);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('a restart prints that nothing changed and that the secret exists, without its value', async () => {
    const { server, out } = await start(/tessera apps secret add <client id> --name <name>\n/);
    assert.match(out, /Applied .*env\.yaml: already up to date, nothing created or changed/);
    assert.match(out, /secret {7}"ci" exists: its value is not recoverable/);
    assert.match(out, /tessera apps secret add <client id>/);
    assert.equal(occurrences(out + server.stderr(), secret), 0, 'a generated secret is shown only at creation');
    assert.doesNotMatch(out, /shown only now/);
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('a start that fails after applying (port in use) still shows each generated secret once, across it and the next start', async () => {
    const data = join(dir, 'data-busy');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = String((busy.address() as { port: number }).port);
    const args = ['--environment', join(dir, 'env.yaml'), '--data-dir', data, '--host', '127.0.0.1', '--log-level', 'warn'];
    let failed;
    try {
      failed = await runCli(['start', ...args, '--port', port]);
    } finally {
      busy.close();
    }
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /already in use/);
    const next = startCli([...args, '--port', '0']);
    try {
      await next.waitFor(/Applied .*env\.yaml: .*\n[\s\S]*(Store the new secrets now|tessera apps secret add <client id>).*\n/);
      const all = failed.stdout + next.output();
      const values = [...all.matchAll(/secret {7}(\S+) {3}\(new "ci": shown only now\)/g)].map((m) => m[1] ?? '');
      assert.equal(values.length, 1, all);
      assert.equal(occurrences(all + failed.stderr + next.stderr(), values[0] ?? ''), 1);
    } finally {
      assert.equal(await next.stop('SIGTERM'), 0);
    }
  });
});
