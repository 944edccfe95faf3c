/**
 * The web surface through the real HTTPS server: the hashed stylesheet with a year-long
 * immutable cache, anything else under /static/ an HTML error page with the page headers, and
 * the protocol surface's JSON errors untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stylesheet } from '../../src/web/assets/index.js';
import { TESSERA_CSS } from '../../src/web/assets/tessera-css.js';
import { stylesheetHref } from '../../src/web/render.js';
import { bootTessera } from '../helpers/tessera.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
before(async () => {
  tessera = await bootTessera();
});
after(() => tessera.close());

describe('static assets', () => {
  it('serves the stylesheet at its content hash, cached for a year and immutable', async () => {
    assert.match(stylesheet.fileName, /^tessera\.[0-9a-f]{16}\.css$/);
    assert.equal(stylesheetHref(''), `/static/${stylesheet.fileName}`);
    assert.equal(stylesheetHref('/tessera'), `/tessera/static/${stylesheet.fileName}`);
    const response = await fetch(`${tessera.url}/static/${stylesheet.fileName}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await response.text(), TESSERA_CSS);
    const head = await fetch(`${tessera.url}/static/${stylesheet.fileName}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  for (const [label, path, method] of [
    ['an unknown file', '/static/tessera.css', 'GET'],
    ['a stale hash', '/static/tessera.0000000000000000.css', 'GET'],
    ['a nested path', `/static/x/${stylesheet.fileName}`, 'GET'],
    ['the bare folder', '/static/', 'GET'],
    ['a POST', `/static/${stylesheet.fileName}`, 'POST'],
    ['a traversal attempt', '/static/..%2Fpackage.json', 'GET'],
  ] as const) {
    it(`answers ${label} with the HTML error page (404), never cached, not frameable`, async () => {
      const response = await fetch(`${tessera.url}${path}`, { method });
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /^default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
      const body = await response.text();
      assert.match(body, /^<!doctype html>/);
      assert.match(body, /We couldn&#39;t find that page\./);
      assert.match(body, new RegExp(`<link rel="stylesheet" href="/static/${stylesheet.fileName.replace(/\./g, '\\.')}">`));
      assert.match(body, /<dt>Request Id<\/dt><dd>[0-9a-f-]{36}<\/dd>/);
      assert.doesNotMatch(body, /<script/);
    });
  }

  it('leaves the protocol surface and unknown paths elsewhere as they were (JSON)', async () => {
    const response = await fetch(`${tessera.url}/common/oauth2/v2.0/token`, { method: 'GET' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const elsewhere = await fetch(`${tessera.url}/nothing-here`);
    assert.equal(elsewhere.status, 404);
    assert.doesNotMatch(elsewhere.headers.get('content-type') ?? '', /text\/html/);
  });
});
