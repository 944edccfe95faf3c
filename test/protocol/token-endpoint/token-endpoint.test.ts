/**
 * The token endpoint's common rules (protocol.md §4): method, content type, missing and unknown
 * parameters, tenant resolution — each answered in Entra's error shape.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera, getJson, postForm } from '../../helpers/tessera.js';

const TENANT = '3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f';
let tessera: Awaited<ReturnType<typeof bootTessera>>;
let token: string;

before(async () => {
  tessera = await bootTessera({ environment: { tenants: [{ id: TENANT, name: 'fabrikam', displayName: 'Fabrikam' }] } });
  token = `${tessera.url}/${TENANT}/oauth2/v2.0/token`;
});
after(() => tessera.close());

describe('token endpoint', () => {
  it('refuses GET with AADSTS900561', async () => {
    const { status, body } = await getJson(token);
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [900561]);
  });

  it('names a missing grant_type (AADSTS900144)', async () => {
    const { status, body, headers } = await postForm(token, { client_id: 'x' });
    assert.equal(status, 400);
    assert.deepEqual(body.error_codes, [900144]);
    assert.match(body.error_description as string, /^AADSTS900144: The request body must contain the following parameter: 'grant_type'\./);
    assert.equal(headers.get('cache-control'), 'no-store, no-cache');
  });

  it('reads a JSON body as no parameters at all', async () => {
    const response = await fetch(token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 400);
    assert.deepEqual(body.error_codes, [900144]);
  });

  it('refuses an unknown grant type with unsupported_grant_type (AADSTS70003)', async () => {
    const { status, body } = await postForm(token, { grant_type: 'urn:example:magic', client_id: 'x' });
    assert.equal(status, 400);
    assert.equal(body.error, 'unsupported_grant_type');
    assert.deepEqual(body.error_codes, [70003]);
  });

  it('refuses `resource` on the v2 endpoint (AADSTS901002)', async () => {
    const { status, body } = await postForm(token, { grant_type: 'client_credentials', client_id: 'x', resource: 'https://graph.microsoft.com' });
    assert.equal(status, 400);
    assert.deepEqual(body.error_codes, [901002]);
  });

  it('refuses a repeated parameter as malformed', async () => {
    const response = await fetch(token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&grant_type=password' });
    assert.equal(response.status, 400);
    assert.deepEqual(((await response.json()) as Record<string, unknown>).error_codes, [9002313]);
  });

  it('answers an unknown tenant with invalid_request AADSTS90002', async () => {
    const { status, body } = await postForm(`${tessera.url}/nowhere.example.org/oauth2/v2.0/token`, { grant_type: 'client_credentials' });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [90002]);
  });

  it('echoes client-request-id as correlation_id', async () => {
    const id = '6f1f8e8c-8c1b-4f3e-9d55-2f0f6f3b2a10';
    const { body } = await postForm(`${token}?client-request-id=${id}`, { client_id: 'x' });
    assert.equal(body.correlation_id, id);
  });
});

describe('token endpoint methods', () => {
  it('answers every method but POST with AADSTS900561, on v2 and v1', async () => {
    for (const url of [token, `${tessera.url}/${TENANT}/oauth2/token`]) {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(url, { method });
        const body = (await response.json()) as Record<string, unknown>;
        assert.equal(response.status, 400, `${method} ${url}`);
        assert.equal(body.error, 'invalid_request');
        assert.deepEqual(body.error_codes, [900561]);
        assert.match(body.error_description as string, new RegExp(`^AADSTS900561: The endpoint only accepts POST, OPTIONS requests\\. Received a ${method} request\\.`));
      }
      assert.equal((await fetch(url, { method: 'HEAD' })).status, 400, `HEAD ${url}`);
    }
  });
});

describe('malformed URLs', () => {
  it('answers a broken percent-escape in the Graph surface with a Graph error', async () => {
    const response = await fetch(`${tessera.url}/v1.0/users/a%zz@contoso.com`);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, unknown> } };
    assert.equal(response.status, 400);
    assert.equal(body.error.code, 'BadRequest');
    assert.ok(body.error.innerError['request-id']);
  });

  it('answers a broken percent-escape in the protocol surface in Entra\'s shape', async () => {
    const response = await fetch(`${tessera.url}/${TENANT}%zz/oauth2/v2.0/token`, { method: 'POST' });
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 400);
    assert.deepEqual(body.error_codes, [9002313]);
  });
});
