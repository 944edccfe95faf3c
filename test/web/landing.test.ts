/**
 * The landing page at `/` on the real HTTPS server, with the demo and a tenant whose names are
 * hostile: status, headers (CSP, no-store, Vary), what is running, every tenant's authorities
 * and their documents — each link followed and answering 200 —, the CA download, the demo's
 * credentials with the CLI's warning, escaping, HEAD and the other methods.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DEMO, DEMO_WARNING } from '../../src/environment/demo-values.js';
import { bootTessera } from '../helpers/tessera.js';
import { CONTOSO, DEMO_CREDENTIALS, EVIL, hostileEnvironment, hrefsOf } from './fixtures/landing.js';

const CONSUMERS = '9188040d-6c67-4c5b-b112-36a304b66dad';
const POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let page: { status: number; headers: Headers; text: string };

before(async () => {
  tessera = await bootTessera({ noDemo: false, environment: hostileEnvironment() });
  const response = await fetch(`${tessera.url}/`, { headers: { accept: BROWSER_ACCEPT } });
  page = { status: response.status, headers: response.headers, text: await response.text() };
});
after(() => tessera?.close());

describe('GET / (HTML)', () => {
  it('answers 200 text/html with the pages\' CSP, no-store, no framing, Vary: Accept and no cookie', () => {
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), POLICY, 'no script-src: the page runs no script');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.match(page.headers.get('vary') ?? '', /accept/i);
    assert.equal(page.headers.get('set-cookie'), null, 'a visit creates no session');
    assert.doesNotMatch(page.text, /<script|<form/i);
  });

  it('says what is running: the version of package.json, the issuer base, the database kind, the local CA', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.match(page.text, new RegExp(`<dt>Version</dt><dd>${version.replace(/\./g, '\\.')}</dd>`));
    assert.match(page.text, new RegExp(`<dt>Issuer base</dt><dd><code>${tessera.url}</code></dd>`));
    assert.match(page.text, /<dt>Database<\/dt><dd>SQLite \(in memory\)<\/dd>/);
    assert.ok(page.text.includes(`href="${tessera.url}/ca.pem"`), 'the CA download link');
  });

  it('lists every tenant with its id, domains and authorities by GUID and by domain, with discovery and JWKS links', () => {
    for (const [tenant, aliases] of [
      [DEMO.tenant.id, [DEMO.tenant.domain]],
      [CONTOSO, ['contosolanding.onmicrosoft.com', 'contoso-landing.example']],
      [CONSUMERS, ['consumers']],
    ] as const) {
      assert.ok(page.text.includes(`<code>${tenant}</code>`), `tenant id ${tenant}`);
      for (const authority of [tenant, ...aliases]) {
        const base = `${tessera.url}/${authority}`;
        assert.ok(page.text.includes(`<code>${base}</code>`), `authority ${base}`);
        for (const path of ['/v2.0/.well-known/openid-configuration', '/.well-known/openid-configuration', '/discovery/v2.0/keys', '/discovery/keys']) {
          assert.ok(page.text.includes(`href="${base}${path}"`), `${base}${path}`);
        }
      }
    }
    for (const alias of ['common', 'organizations', 'consumers']) assert.ok(page.text.includes(`href="${tessera.url}/${alias}/v2.0/.well-known/openid-configuration"`), alias);
  });

  it('links only to URLs of this server, and every one of them answers 200', async () => {
    const hrefs = [...new Set(hrefsOf(page.text, `${tessera.url}/`))];
    assert.ok(hrefs.length >= 40, `links followed: ${hrefs.length}`);
    for (const href of hrefs) {
      assert.ok(href.startsWith(`${tessera.url}/`), href);
      const response = await fetch(href);
      await response.arrayBuffer();
      assert.equal(response.status, 200, href);
    }
  });

  it('serves the local CA for download: exactly the server\'s CA certificate, as application/x-pem-file', async () => {
    const response = await fetch(`${tessera.url}/ca.pem`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-pem-file');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="tessera-ca\.pem"$/);
    const body = await response.text();
    assert.equal(body, tessera.caPem);
    assert.doesNotMatch(body, /PRIVATE KEY/);
  });

  it('shows the demo\'s public credentials with the warning the CLI prints', () => {
    assert.ok(page.text.includes(DEMO_WARNING));
    for (const value of [...DEMO_CREDENTIALS, DEMO.applications.daemon.appId, DEMO.applications.spa.appId, DEMO.users.bob.userPrincipalName]) {
      assert.ok(page.text.includes(value), `demo value ${value}`);
    }
  });

  it('escapes a hostile tenant and app name: shown as text, never as markup', () => {
    const escaped = '&#60;script&#62;alert(&#34;landing&#34;)&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;&#39;&#34;&#38;';
    assert.ok(page.text.includes(`<h3>${escaped}</h3>`), 'the tenant heading, escaped');
    assert.ok(page.text.includes(`aria-label="${escaped}"`), 'and in an attribute');
    assert.ok(!page.text.includes(EVIL));
    assert.doesNotMatch(page.text, /<script|<img/i);
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${tessera.url}/`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await response.text(), '');
    const json = await fetch(`${tessera.url}/`, { method: 'HEAD', headers: { accept: 'application/json' } });
    assert.equal(json.status, 200);
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
  });

  it('answers other methods on /, /ca.pem and /docs/… with the web surface\'s HTML 404', async () => {
    for (const [method, path] of [['POST', '/'], ['PUT', '/'], ['DELETE', '/'], ['PATCH', '/'], ['POST', '/ca.pem'], ['DELETE', '/docs/cli.md']] as const) {
      const response = await fetch(`${tessera.url}${path}`, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: method === 'DELETE' ? undefined : 'a=b' });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', `${method} ${path}`);
      assert.match(await response.text(), /We couldn(?:'|&#39;)t find that page\./);
    }
  });

  it('leaves the tenant routes around its paths alone: /docs/… and /ca.pem/… reach discovery as tenant names', async () => {
    for (const [tenant, code] of [['docs', 900023], ['ca.pem', 90002]] as const) {
      const response = await fetch(`${tessera.url}/${tenant}/v2.0/.well-known/openid-configuration`);
      assert.equal(response.status, 400, tenant);
      assert.deepEqual(((await response.json()) as { error_codes: number[] }).error_codes, [code], tenant);
    }
  });
});
