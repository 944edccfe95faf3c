/**
 * `GET /` with `Accept: application/json`: demo.json's shape (environment/demo-info.ts) for
 * every tenant of the directory, without a secret, password or TOTP secret — compared with
 * `buildDemoInfo` in process and with the demo.json the real CLI writes; grepped for every
 * credential of the demo and of a second environment; negotiated by Accept as clients send it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildDemoInfo, type DemoInfo } from '../../src/environment/demo-info.js';
import { DEMO, DEMO_WARNING } from '../../src/environment/demo-values.js';
import { startCli, type CliServer } from '../helpers/cli-run.js';
import { bootTessera } from '../helpers/tessera.js';
import { CONTOSO_PASSWORD, CONTOSO_SECRET, DEMO_CREDENTIALS, EVIL, hostileEnvironment, rawRequest } from './fixtures/landing.js';

const SECRET_KEYS = new Set(['password', 'secret', 'totpSecret', 'secretHash', 'secretText']);

/** What the JSON must be, from demo.json: its secrets removed, server paths null, the CA's URL added. */
function withoutSecrets(info: DemoInfo, caUrl: string | null): unknown {
  return {
    url: info.url,
    caFile: null,
    caUrl,
    tenants: info.tenants.map((t) => ({
      ...t,
      users: t.users.map(({ password: _p, totpSecret: _t, ...u }) => u),
      applications: t.applications.map(({ secret: _s, ...a }) => ({ ...a, certificateFile: null, privateKeyFile: null })),
    })),
    omittedTenants: 0,
  };
}

type Tenant = { id: string; users: Array<{ userPrincipalName: string }>; applications: Array<{ appId: string }> };

/** Order-independent: tenants by id, users by UPN, applications by client id. */
function sorted(value: unknown): unknown {
  const info = structuredClone(value) as { tenants: Tenant[] };
  info.tenants.sort((a, b) => a.id.localeCompare(b.id));
  for (const t of info.tenants) {
    t.users.sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
    t.applications.sort((a, b) => a.appId.localeCompare(b.appId));
  }
  return info;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, out.add(k));
  return out;
}

function assertNoSecret(body: string, extra: readonly string[] = []): void {
  for (const value of [...DEMO_CREDENTIALS, ...extra]) assert.ok(!body.includes(value), `a credential leaked: ${value}`);
  for (const key of keysOf(JSON.parse(body))) assert.ok(!SECRET_KEYS.has(key), `a secret field: ${key}`);
  assert.doesNotMatch(body, /PRIVATE KEY|BEGIN CERTIFICATE/);
}

describe('GET / as JSON, in process', () => {
  let tessera: Awaited<ReturnType<typeof bootTessera>>;
  let body: string;
  before(async () => {
    tessera = await bootTessera({ noDemo: false, environment: hostileEnvironment() });
    const response = await fetch(`${tessera.url}/`, { headers: { accept: 'application/json' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('vary') ?? '', /accept/i);
    body = await response.text();
  });
  after(() => tessera?.close());

  it('equals buildDemoInfo of everything applied (demo and environment) minus secrets and server paths', () => {
    const dataDir = process.env.TESSERA_TEST_DATA_DIR ?? '';
    const files = { certificateFile: join(dataDir, DEMO.files.certificate), privateKeyFile: join(dataDir, DEMO.files.privateKey) };
    const expected = buildDemoInfo(tessera.environment ?? assert.fail('no environment'), { url: tessera.url, caFile: tessera.caFile, files });
    const actual: unknown = JSON.parse(body);
    assert.deepEqual(sorted(actual), sorted(withoutSecrets(expected, `${tessera.url}/ca.pem`)));
    assert.equal((actual as { tenants: unknown[] }).tenants.length, 3, 'demo, consumers and the environment\'s tenant');
    assert.ok(!body.includes(dataDir), 'no server path');
  });

  it('holds no secret, password or TOTP secret of the demo or of the environment', () => {
    assertNoSecret(body, [CONTOSO_SECRET, CONTOSO_PASSWORD]);
  });

  it('carries a hostile display name as a JSON string, nothing else', () => {
    const info = JSON.parse(body) as { tenants: Array<{ displayName: string }> };
    assert.ok(info.tenants.some((t) => t.displayName === EVIL));
  });

  it('answers JSON when Accept prefers it, HTML otherwise', async () => {
    const cases: Array<[string | undefined, 'json' | 'html']> = [
      ['application/json', 'json'],
      ['application/json, text/plain, */*', 'json'], // axios
      ['text/html;q=0.5, application/json;q=0.9', 'json'],
      ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'], // a browser
      ['*/*', 'html'], // curl
      ['text/html, application/json', 'html'],
      ['application/json;q=0', 'html'],
      ['application/*', 'json'], // no text/html acceptable
      ['image/png', 'html'], // neither: the page
      [undefined, 'html'],
    ];
    for (const [accept, kind] of cases) {
      const response = await rawRequest(tessera.url, '/', accept === undefined ? {} : { headers: { accept } });
      assert.equal(response.status, 200, String(accept));
      assert.match(String(response.headers['content-type']), kind === 'json' ? /^application\/json/ : /^text\/html/, String(accept));
    }
  });
});

describe('GET / as JSON, against the demo.json the CLI writes', () => {
  let dataDir: string;
  let server: CliServer | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-landing-'));
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has demo.json\'s content and keys, minus every secret, and the page shows the CLI\'s warning', async () => {
    server = startCli(['--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    const url = (await server.waitFor(/Tessera is listening on (https:\/\/localhost:\d+)/))[1] ?? '';
    await server.waitFor(/The same as JSON: .*demo\.json/);
    assert.ok(server.output().includes(DEMO_WARNING), 'the CLI prints the shared warning');
    const ca = await readFile(join(dataDir, 'ca.pem'), 'utf8');
    const demoJson = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as DemoInfo;
    const response = await rawRequest(url, '/', { headers: { accept: 'application/json' }, ca });
    assert.equal(response.status, 200);
    assert.deepEqual(sorted(JSON.parse(response.body)), sorted(withoutSecrets(demoJson, `${url}/ca.pem`)));
    const expectedKeys = new Set([...keysOf(demoJson)].filter((k) => !SECRET_KEYS.has(k)).concat(['caUrl', 'omittedTenants']));
    assert.deepEqual([...keysOf(JSON.parse(response.body))].sort(), [...expectedKeys].sort());
    assertNoSecret(response.body);
    assert.ok(!response.body.includes(dataDir));
    const page = await rawRequest(url, '/', { ca });
    assert.ok(page.body.includes(DEMO_WARNING), 'the page shows the same warning');
    assert.equal((await rawRequest(url, '/ca.pem', { ca })).body, ca, 'the CA download is the data directory\'s ca.pem');
  });
});
