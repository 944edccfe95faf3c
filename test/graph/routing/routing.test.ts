/**
 * The Graph surface's routing and error shape (graph.md §1.1, §1.3, §1.7): case-insensitive
 * segments, unknown segments, paths Tessera does not serve yet, wrong methods, and that a
 * client's mistake is never a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APPS, CHRIS } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
let token: string;

before(async () => {
  tessera = await bootGraphTessera();
  token = await appToken(tessera, APPS.directory);
});
after(() => tessera.close());

describe('Graph routing', () => {
  it('matches segments case-insensitively, with or without a trailing slash', async () => {
    for (const path of [`/v1.0/USERS/${CHRIS}`, `/v1.0/users/${CHRIS}/`, `/beta/Users/${CHRIS}`]) {
      const response = await callGraph(tessera, path, token);
      assertGraphSuccess(response);
      assert.equal(response.body.id, CHRIS);
    }
  });

  it("answers unknown segments with Graph's 400 and unserved Graph paths with 404", async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/usres', token), 400, 'BadRequest', "Resource not found for the segment 'usres'.");
    assertGraphError(await callGraph(tessera, `/v1.0/users/${CHRIS}/frobs`, token), 400, 'BadRequest', "Resource not found for the segment 'frobs'.");
    assertGraphError(await callGraph(tessera, '/v1.0/applications', token), 404, 'ResourceNotFound', "Tessera does not serve '/applications' yet.");
    assertGraphError(await callGraph(tessera, '/beta/servicePrincipals(appId=\'00000003-0000-0000-c000-000000000000\')', token), 404, 'ResourceNotFound', /^Tessera does not serve/);
    assertGraphError(await callGraph(tessera, '/v1.0', token), 404, 'ResourceNotFound', "Tessera does not serve '/' yet.");
  });

  it('answers a wrong method with 405, and a malformed body with a 400 in Graph\'s shape', async () => {
    assertGraphError(await callGraph(tessera, '/v1.0/users', token, {}, 'DELETE'), 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const response = await fetch(`${tessera.url}/v1.0/users`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"displayName":' });
    const text = await response.text();
    assert.equal(response.status, 400, text);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = JSON.parse(text) as { error: { code: string; innerError: Record<string, string> } };
    assert.equal(body.error.code, 'BadRequest');
    assert.equal(body.error.innerError['request-id'], response.headers.get('request-id'));
    assert.ok(!text.includes('at '), 'no stack trace');
  });

  it('does not take paths outside /v1.0 and /beta', async () => {
    const discovery = await fetch(`${tessera.url}/common/v2.0/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    const other = await fetch(`${tessera.url}/v2.0/users`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(other.headers.get('odata-version'), null);
  });
});
