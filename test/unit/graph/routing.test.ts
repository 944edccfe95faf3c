/**
 * Graph paths (graph.md §1.1): key syntax, percent-decoding, case-insensitive segments, and the
 * answers for paths that match no route.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGraphPath } from '../../../src/graph/path.js';
import { createGraphRouter } from '../../../src/graph/router.js';
import { graphRoutes } from '../../../src/graph/routes.js';
import { refused } from './helpers.js';

const router = createGraphRouter(graphRoutes);
const match = (path: string, method = 'GET') => {
  const { route, params } = router.match(method, parseGraphPath(path));
  return { name: route.name, params };
};


describe('Graph paths', () => {
  it('reads keys in both forms, percent-decoded, quotes undoubled', () => {
    assert.deepEqual(parseGraphPath("/users('o''neil%40contoso.com')/memberOf"), [
      { text: 'users', key: false },
      { text: "o'neil@contoso.com", key: true },
      { text: 'memberOf', key: false },
    ]);
    assert.deepEqual(parseGraphPath('/users/alice%40contoso.com/'), [
      { text: 'users', key: false },
      { text: 'alice@contoso.com', key: false },
    ]);
    // An encoded slash stays inside its segment.
    assert.deepEqual(parseGraphPath('/users/a%2Fb'), [{ text: 'users', key: false }, { text: 'a/b', key: false }]);
    assert.deepEqual(parseGraphPath("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')"), [
      { text: 'servicePrincipals', key: false },
      { text: '00000003-0000-0000-c000-000000000000', key: true, keyProperty: 'appId' },
    ]);
  });

  it('routes case-insensitively, literals before parameters', () => {
    assert.deepEqual(match('/Users'), { name: 'users', params: {} });
    assert.deepEqual(match('/users/$count'), { name: 'users-count', params: {} });
    assert.deepEqual(match('/USERS/alice@contoso.com'), { name: 'user', params: { id: 'alice@contoso.com' } });
    assert.deepEqual(match("/users('x@y.com')"), { name: 'user', params: { id: 'x@y.com' } });
    assert.deepEqual(match('/groups/abc/Members/$count'), { name: 'group-members-count', params: { id: 'abc' } });
    assert.deepEqual(match('/users/1', 'HEAD'), { name: 'user', params: { id: '1' } });
  });

  it("answers an unknown segment with Graph's 400 (seed 001's /user typo)", () => {
    refused(() => match('/user/12345678-73a6-4952-a53a-e9916737ff7f'), 400, 'BadRequest', "Resource not found for the segment 'user'.");
    refused(() => match('/users/1/frobs'), 400, 'BadRequest', "Resource not found for the segment 'frobs'.");
  });

  it('answers real Graph paths Tessera does not serve yet with 404, and wrong methods with 405', () => {
    refused(() => match('/applications'), 404, 'ResourceNotFound', "Tessera does not serve '/applications' yet.");
    refused(() => match('/users/1/memberOf'), 404, 'ResourceNotFound', "Tessera does not serve '/users/1/memberOf' yet.");
    refused(() => match('/'), 404, 'ResourceNotFound', "Tessera does not serve '/' yet.");
    refused(() => match('/users', 'POST'), 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  });
});
