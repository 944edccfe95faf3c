/**
 * Every surface answers unknown paths in its own shape, never Fastify's default body
 * (server/not-found.ts): protocol → Entra JSON 404, Graph → OData error, web → HTML page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera } from '../helpers/tessera.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera();
});
after(() => tessera.close());

async function call(path: string, method = 'GET') {
  const response = await fetch(`${tessera.url}${path}`, { method });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

describe('unknown paths', () => {
  it('protocol paths: Entra JSON, 404, invalid_request AADSTS9002313', async () => {
    for (const [path, method] of [['/common/oauth2/v2.0/nothing', 'GET'], ['/nothing-here', 'GET'], ['/common/v2.0/.well-known/openid-configuration', 'POST'], ['/a/b/c/d/e', 'DELETE']] as const) {
      const { status, type, text } = await call(path, method);
      assert.equal(status, 404, `${method} ${path}`);
      assert.match(type, /^application\/json/);
      const body = JSON.parse(text) as Record<string, unknown>;
      assert.equal(body.error, 'invalid_request');
      assert.deepEqual(body.error_codes, [9002313]);
      assert.match(body.error_description as string, /^AADSTS9002313: /);
      assert.doesNotMatch(text, /Route .* not found/);
    }
  });

  it('Graph paths: OData error bodies (405 for an untaken method, 404 under /oidc)', async () => {
    const options = await call('/v1.0/me', 'OPTIONS');
    assert.equal(options.status, 405);
    assert.equal(options.type, 'application/json');
    assert.equal((JSON.parse(options.text) as { error: { code: string } }).error.code, 'Request_BadRequest');
    const oidc = await call('/oidc/nothing');
    assert.equal(oidc.status, 404);
    const body = JSON.parse(oidc.text) as { error: { code: string; innerError: Record<string, string> } };
    assert.equal(body.error.code, 'ResourceNotFound');
    assert.ok(body.error.innerError['request-id']);
  });

  it('web paths: the HTML error page', async () => {
    const { status, type, text } = await call('/static/nothing/at/all');
    assert.equal(status, 404);
    assert.equal(type, 'text/html; charset=utf-8');
    assert.match(text, /We couldn&#39;t find that page\.|We couldn't find that page\./);
  });
});
