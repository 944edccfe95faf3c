/**
 * `tessera start` as a user runs it: first start on an empty data directory (local CA, demo
 * environment, summary, demo.json), HTTPS trusted by the generated CA, the ready-made curl,
 * graceful SIGTERM, and a warm restart that keeps the CA, the signing keys and the data.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DEMO } from '../../src/environment/demo-values.js';
import type { DemoInfo } from '../../src/environment/demo-info.js';
import { startCli, type CliServer } from '../helpers/cli-run.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function getJson(url: string, ca: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    }).on('error', reject);
  });
}

async function kids(url: string, ca: Buffer): Promise<string[]> {
  const { body } = await getJson(`${url}/common/discovery/v2.0/keys`, ca);
  return (body.keys as Array<{ kid: string }>).map((k) => k.kid).sort();
}

describe('tessera start', () => {
  let dataDir: string;
  let server: CliServer | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-cli-start-'));
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  let url: string;
  let ca: Buffer;
  let firstKids: string[];

  it('on an empty data directory creates a CA and the demo, prints the summary and serves HTTPS', async () => {
    // Given relative to the working directory, printed absolute: usable from any other directory.
    server = startCli(['--port', '0', '--data-dir', relative(ROOT, dataDir), '--log-level', 'warn']);
    url = (await server.waitFor(LISTENING))[1] ?? '';
    const out = server.output();
    // The summary first, then the "listening" line, once; the CA's trust line once, absolute.
    assert.ok(out.indexOf(`The same as JSON: ${join(dataDir, 'demo.json')}`) >= 0, out);
    assert.ok(out.indexOf('The same as JSON') < out.indexOf('Tessera is listening on'), out);
    assert.equal(out.match(/Tessera is listening on/g)?.length, 1, out);
    assert.equal(out.match(/NODE_EXTRA_CA_CERTS=/g)?.length, 1, out);
    assert.ok(out.includes(`export NODE_EXTRA_CA_CERTS=${join(dataDir, 'ca.pem')}\n`), out);
    assert.ok(out.includes(`Created a local certificate authority: ${join(dataDir, 'ca.pem')}\n`), out);
    assert.ok(out.includes(`certificate  ${join(dataDir, 'demo-daemon.pem')}  private key ${join(dataDir, 'demo-daemon-key.pem')}`), out);
    for (const value of [DEMO.tenant.id, DEMO.tenant.domain, DEMO.applications.daemon.appId, DEMO.applications.daemon.secret, DEMO.users.admin.userPrincipalName, DEMO.users.admin.password]) {
      assert.ok(out.includes(value), `summary shows ${value}`);
    }
    ca = await readFile(join(dataDir, 'ca.pem'));
    const { status, body } = await getJson(`${url}/${DEMO.tenant.id}/v2.0/.well-known/openid-configuration`, ca);
    assert.equal(status, 200);
    assert.equal(body.issuer, `${url}/${DEMO.tenant.id}/v2.0`);
    firstKids = await kids(url, ca);
    assert.ok(firstKids.length >= 1);
  });

  it('writes demo.json (mode 0600) with tenants, users and applications of every kind', async () => {
    const file = join(dataDir, 'demo.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const info = JSON.parse(await readFile(file, 'utf8')) as DemoInfo;
    assert.equal(info.url, url);
    assert.equal(info.caFile, join(dataDir, 'ca.pem'));
    const [org, consumers] = info.tenants;
    assert.equal(org?.id, DEMO.tenant.id);
    assert.equal(org?.domain, DEMO.tenant.domain);
    assert.deepEqual(org?.users.map((u) => [u.userPrincipalName, u.password, u.roles, u.mfa]), [
      [DEMO.users.admin.userPrincipalName, DEMO.users.admin.password, ['Global Administrator'], false],
      [DEMO.users.alice.userPrincipalName, DEMO.users.alice.password, [], false],
      [DEMO.users.bob.userPrincipalName, DEMO.users.bob.password, [], true],
    ]);
    assert.deepEqual(org?.applications.map((a) => a.kind), ['daemon', 'web', 'spa', 'public']);
    const [daemon, web, spa, pub] = org?.applications ?? [];
    assert.equal(daemon?.secret, DEMO.applications.daemon.secret);
    assert.equal(daemon?.certificateFile, join(dataDir, 'demo-daemon.pem'));
    assert.equal((await stat(daemon?.privateKeyFile ?? '')).mode & 0o777, 0o600);
    assert.equal(web?.secret, DEMO.applications.web.secret);
    assert.ok(web?.redirectUris.some((u) => u.startsWith('http://localhost')));
    assert.equal(spa?.secret, null);
    assert.ok(pub?.redirectUris.includes(`msal${DEMO.applications.publicClient.appId}://auth`));
    assert.equal(consumers?.id, '9188040d-6c67-4c5b-b112-36a304b66dad');
    assert.deepEqual(consumers?.users.map((u) => u.userPrincipalName), [DEMO.users.personal.userPrincipalName]);
  });

  it('prints a curl command that gets a token', { skip: !existsSync('/usr/bin/curl') && 'curl is not installed' }, async () => {
    const lines = server?.output().split('\n') ?? [];
    const start = lines.findIndex((l) => l.trim().startsWith('curl '));
    const command = lines.slice(start, start + 3).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', command], { cwd: process.cwd() });
    const body = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(body.token_type, 'Bearer', stdout);
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual(claims.roles, ['User.Read.All']);
  });

  it('exits 0 on SIGTERM', async () => {
    assert.equal(await server?.stop('SIGTERM'), 0);
  });

  it('restarts warm: same CA bytes, same signing keys, same data, demo not re-created', async (t) => {
    const started = performance.now();
    server = startCli(['--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    const again = (await server.waitFor(LISTENING))[1] ?? '';
    const caAgain = await readFile(join(dataDir, 'ca.pem'));
    assert.deepEqual(caAgain, ca);
    assert.equal((await getJson(`${again}/${DEMO.tenant.domain}/v2.0/.well-known/openid-configuration`, caAgain)).status, 200);
    t.diagnostic(`warm start, spawn to serving (tsx): ${Math.round(performance.now() - started)} ms`);
    assert.deepEqual(await kids(again, caAgain), firstKids);
    const out = server.output();
    assert.ok(out.indexOf('The same as JSON') < out.indexOf('Tessera is listening on'), out);
    assert.equal(out.match(/NODE_EXTRA_CA_CERTS=/g)?.length, 1, out);
    assert.doesNotMatch(out, /Created a local certificate authority/);
    const info = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as DemoInfo;
    assert.equal(info.url, again, 'demo.json follows the new port');
    assert.equal(await server.stop('SIGINT'), 0);
  });

  it('applies --environment instead of the demo, idempotently at every start, configured through TESSERA_* variables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-cli-env-'));
    try {
      const envFile = join(dir, 'env.yaml');
      await writeFile(envFile, 'tenants:\n  - domain: startenv\n    users: [{ userPrincipalName: ada, password: Ada-Pass-1! }]\n');
      const env = { TESSERA_DATA_DIR: join(dir, 'data'), TESSERA_PORT: '0', TESSERA_LOG_LEVEL: 'warn' };
      for (const expected of [/Applied .*env\.yaml: created 1 tenant, 1 user/, /Applied .*env\.yaml: already up to date, nothing created/]) {
        server = startCli(['--environment', envFile], env);
        const url = (await server.waitFor(LISTENING))[1] ?? '';
        const out = server.output();
        assert.match(out, expected);
        assert.ok(out.search(expected) < out.indexOf('Tessera is listening on'), out);
        // No summary shows the CA here: the "listening" line's trust hint does, once.
        assert.equal(out.match(/NODE_EXTRA_CA_CERTS=/g)?.length, 1, out);
        assert.ok(out.includes(`export NODE_EXTRA_CA_CERTS=${join(dir, 'data', 'ca.pem')}\n`), out);
        const ca = await readFile(join(dir, 'data', 'ca.pem'));
        assert.equal((await getJson(`${url}/startenv.onmicrosoft.com/v2.0/.well-known/openid-configuration`, ca)).status, 200);
        assert.equal(existsSync(join(dir, 'data', 'demo.json')), false, 'no demo with an environment file');
        assert.equal(await server.stop('SIGTERM'), 0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
