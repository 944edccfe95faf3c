/**
 * web/plugin.ts's error handler, through app.inject() on a Fastify app that registers the real
 * plugin (with a path prefix) and, in the plugin's scope, routes that throw what a flow handler
 * may throw: the page is HTML, carries the AADSTS line escaped, and never the cause.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { StorageUnavailableError } from '../../src/directory/errors.js';
import { OAuthError } from '../../src/protocol/errors.js';
import type { AppDeps } from '../../src/server/deps.js';
import { applyHtmlSecurityHeaders } from '../../src/server/html-headers.js';
import { stylesheet } from '../../src/web/assets/index.js';
import { webPlugin } from '../../src/web/plugin.js';

const NOW = new Date('2026-12-01T22:31:07.123Z');
let app: FastifyInstance;

before(async () => {
  app = Fastify();
  app.addHook('onSend', async (_request, reply, payload) => {
    applyHtmlSecurityHeaders(reply);
    return payload;
  });
  const deps = { urls: { pathPrefix: '/tessera' }, now: () => NOW } as unknown as AppDeps;
  await app.register(async (scope) => {
    await webPlugin(scope, deps);
    scope.get('/tessera/boom/oauth', async () => {
      throw new OAuthError(700016, ['<img src=x onerror=alert(1)>', 'contoso'], { cause: new Error('internal detail') });
    });
    scope.get('/tessera/boom/bug', async () => {
      throw new Error('secret internal detail');
    });
    scope.get('/tessera/boom/storage', async () => {
      throw new StorageUnavailableError('Unavailable', 'database away');
    });
  });
});
after(() => app.close());

describe('web surface error handler', () => {
  it('renders an OAuthError as the error page: its status, the AADSTS line escaped, the timestamp', async () => {
    const response = await app.inject({ url: '/tessera/boom/oauth' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(response.body, /<p class="message">AADSTS700016: Application with identifier &#39;&#60;img src=x onerror=alert\(1\)&#62;&#39; was not found in the directory &#39;contoso&#39;\./);
    assert.match(response.body, /<dt>Timestamp<\/dt><dd>2026-12-01T22:31:07Z<\/dd>/);
    assert.match(response.body, new RegExp(`href="/tessera/static/${stylesheet.fileName.replace(/\./g, '\\.')}"`));
    assert.doesNotMatch(response.body, /internal detail|<img/);
  });

  it('answers an unexpected error with AADSTS90000 and a 500, saying nothing of the cause', async () => {
    const response = await app.inject({ url: '/tessera/boom/bug' });
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /AADSTS90000: An unexpected error occurred\./);
    assert.doesNotMatch(response.body, /secret|stack|at /);
  });

  it('answers a storage outage with 503, Retry-After and AADSTS90006', async () => {
    const response = await app.inject({ url: '/tessera/boom/storage' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers['retry-after'], '5');
    assert.match(response.body, /AADSTS90006: The service is temporarily unavailable\./);
  });

  it('serves the stylesheet under the path prefix only, and 404s unknown /static/ paths as HTML', async () => {
    assert.equal((await app.inject({ url: `/tessera/static/${stylesheet.fileName}` })).statusCode, 200);
    const unknown = await app.inject({ url: '/tessera/static/a/b' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.headers['content-type'], 'text/html; charset=utf-8');
    const outside = await app.inject({ url: `/static/${stylesheet.fileName}` });
    assert.equal(outside.statusCode, 404);
    assert.match(String(outside.headers['content-type']), /application\/json/, 'outside the prefix: not the web surface');
  });
});
