/**
 * The landing page under its settings and deployments: `landingPage: 'minimal'` lists nothing;
 * many tenants are capped and counted; visits write nothing to the database; `--http` and
 * `--cert/--key` offer no CA (404 in the web shape); a path prefix from `--public-url`;
 * PostgreSQL named by kind, never by URL; the setting validated at start.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { DEMO } from '../../src/environment/demo-values.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { bootTessera } from '../helpers/tessera.js';
import { CONTOSO, DEMO_CREDENTIALS, hostileEnvironment, hrefsOf, rawRequest } from './fixtures/landing.js';

type Instance = Awaited<ReturnType<typeof bootTessera>>;

async function landing(tessera: Instance, accept?: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${tessera.url}/`, accept ? { headers: { accept } } : {});
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe("landingPage: 'minimal'", () => {
  let tessera: Instance;
  before(async () => {
    tessera = await bootTessera({ noDemo: false, environment: hostileEnvironment(), config: { landingPage: 'minimal' } });
  });
  after(() => tessera?.close());

  it('says only that Tessera is running, its version and the docs: no tenant, authority, CA link or demo credential', async () => {
    const page = await landing(tessera);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Tessera is running<\/h1>/);
    assert.match(page.text, /<dt>Version<\/dt><dd>\d+\.\d+\.\d+/);
    assert.ok(page.text.includes(`href="${tessera.url}/docs/configuration.md"`));
    for (const hidden of [DEMO.tenant.id, DEMO.tenant.domain, CONTOSO, 'contosolanding', '/consumers', '/common', 'ca.pem', 'Demo environment', DEMO.applications.daemon.appId, ...DEMO_CREDENTIALS]) {
      assert.ok(!page.text.includes(hidden), `minimal page shows ${hidden}`);
    }
    assert.ok(hrefsOf(page.text, `${tessera.url}/`).every((href) => href.includes('/docs/') || href.includes('/static/')));
  });

  it('answers JSON with an empty object', async () => {
    const json = await landing(tessera, 'application/json');
    assert.equal(json.status, 200);
    assert.deepEqual(JSON.parse(json.text), {});
  });
});

describe('many tenants', () => {
  let tessera: Instance;
  const COUNT = 55;
  before(async () => {
    const tenants = Array.from({ length: COUNT }, (_, i) => ({ displayName: `Tenant ${String(i).padStart(2, '0')}`, domain: `cap${i}` }));
    tessera = await bootTessera({ environment: { tenants } });
  });
  after(() => tessera?.close());

  it('lists the first 50 tenants and says how many more there are, in the page and in the JSON', async () => {
    const page = await landing(tessera);
    const sections = page.text.match(/<section class="tenant"/g) ?? [];
    assert.equal(sections.length, 50);
    // 55 organizations and the consumers tenant: the consumers tenant comes last, so it is cut.
    assert.match(page.text, /…and 6 more tenants, not listed here/);
    const json = JSON.parse((await landing(tessera, 'application/json')).text) as { tenants: unknown[]; omittedTenants: number };
    assert.equal(json.tenants.length, 50);
    assert.equal(json.omittedTenants, COUNT + 1 - 50);
  });
});

describe('a visit writes nothing', () => {
  let tessera: Instance;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-landing-db-'));
    tessera = await bootTessera({ noDemo: false, database: `sqlite:${join(dir, 'tessera.db')}` });
  });
  after(async () => {
    await tessera?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves every table and the database version as they were after HTML, JSON, HEAD, CA and docs requests', async () => {
    const reader = new Database(join(dir, 'tessera.db'), { readonly: true });
    try {
      const snapshot = () => {
        const tables = reader.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>;
        const counts = Object.fromEntries(tables.map(({ name }) => [name, (reader.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
        return { counts, version: reader.pragma('data_version', { simple: true }) as number };
      };
      const before = snapshot();
      for (let i = 0; i < 3; i++) {
        await landing(tessera);
        await landing(tessera, 'application/json');
        await fetch(`${tessera.url}/`, { method: 'HEAD' });
        await (await fetch(`${tessera.url}/ca.pem`)).text();
        await (await fetch(`${tessera.url}/docs/cli.md`)).text();
      }
      assert.deepEqual(snapshot(), before);
    } finally {
      reader.close();
    }
  });
});

describe('no CA of its own', () => {
  it('with --http: the page says plain HTTP, /ca.pem is the HTML 404, the JSON has no caUrl', async () => {
    const tessera = await bootTessera({ config: { http: true } });
    try {
      assert.match(tessera.url, /^http:\/\//);
      const page = await landing(tessera);
      assert.equal(page.status, 200);
      assert.match(page.text, /plain HTTP/);
      assert.ok(!page.text.includes('ca.pem'));
      const ca = await fetch(`${tessera.url}/ca.pem`);
      assert.equal(ca.status, 404);
      assert.equal(ca.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal((JSON.parse((await landing(tessera, 'application/json')).text) as { caUrl: unknown }).caUrl, null);
    } finally {
      await tessera.close();
    }
  });

  it("with --cert/--key: the page names the operator's certificate and /ca.pem is the HTML 404", async () => {
    const dataDir = process.env.TESSERA_TEST_DATA_DIR ?? '';
    const tessera = await bootTessera({ config: { cert: join(dataDir, 'server.pem'), key: join(dataDir, 'server-key.pem') } });
    try {
      const page = await landing(tessera);
      assert.match(page.text, /the operator(?:'|&#39;)s certificate/);
      assert.ok(!page.text.includes('ca.pem'));
      const ca = await fetch(`${tessera.url}/ca.pem`);
      assert.equal(ca.status, 404);
      assert.equal(ca.headers.get('content-type'), 'text/html; charset=utf-8');
    } finally {
      await tessera.close();
    }
  });
});

describe('under a path prefix', () => {
  let tessera: Instance;
  before(async () => {
    const port = await freePort();
    tessera = await bootTessera({ port, publicUrl: `https://localhost:${port}/tessera`, noDemo: false });
  });
  after(() => tessera?.close());

  it('serves the page at {prefix}/ (and {prefix}), every link under the prefix answering 200; the host root is not it', async () => {
    assert.match(tessera.url, /\/tessera$/);
    const page = await landing(tessera);
    assert.equal(page.status, 200);
    assert.equal((await fetch(tessera.url)).status, 200, 'without the trailing slash');
    const hrefs = [...new Set(hrefsOf(page.text, `${tessera.url}/`))];
    assert.ok(hrefs.some((h) => h === `${tessera.url}/ca.pem`) && hrefs.some((h) => h.startsWith(`${tessera.url}/docs/`)));
    for (const href of hrefs) {
      assert.ok(href.startsWith(`${tessera.url}/`), href);
      const response = await fetch(href);
      await response.arrayBuffer();
      assert.equal(response.status, 200, href);
    }
    const root = await rawRequest(new URL(tessera.url).origin, '/');
    assert.equal(root.status, 404);
    assert.match(String(root.headers['content-type']), /^application\/json/);
  });
});

describe('on PostgreSQL', () => {
  let postgres: TestPostgres;
  let tessera: Instance;
  before(async () => {
    postgres = await startPostgres();
    tessera = await bootTessera({ database: postgres.url });
  });
  after(async () => {
    await tessera?.close();
    await postgres?.stop();
  });

  it('names the database kind, never its URL, host or credentials', async () => {
    const page = await landing(tessera);
    assert.match(page.text, /<dt>Database<\/dt><dd>PostgreSQL<\/dd>/);
    const url = new URL(postgres.url);
    for (const part of [postgres.url, 'postgres://', 'postgresql://', url.pathname.slice(1), ...(url.password ? [url.password] : [])]) {
      assert.ok(!page.text.includes(part), part);
    }
  });
});

describe('the landingPage setting', () => {
  it("defaults to 'full', is read from TESSERA_LANDING_PAGE and refuses anything else at start", async () => {
    assert.equal(loadConfig({}).landingPage, 'full');
    assert.equal(loadConfig({ env: { TESSERA_LANDING_PAGE: 'minimal' } }).landingPage, 'minimal');
    assert.throws(() => loadConfig({ env: { TESSERA_LANDING_PAGE: 'none' } }), (error: unknown) => error instanceof ConfigError && /landingPage/.test(error.message));
    const dir = await mkdtemp(join(tmpdir(), 'tessera-cfg-'));
    try {
      await writeFile(join(dir, 'tessera.json'), JSON.stringify({ landingPage: 'minimal' }));
      assert.equal(loadConfig({ configFile: join(dir, 'tessera.json') }).landingPage, 'minimal');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
