/** Pure parts of Graph token validation: bearer extraction, issuers, token classification. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerToken } from '../../../src/graph/auth/bearer.js';
import { parseIssuer } from '../../../src/graph/auth/issuer.js';
import { principalFromClaims } from '../../../src/graph/auth/principal.js';
import { GraphError } from '../../../src/graph/errors.js';

const TID = '7c0e0000-0000-4000-8000-00000000000a';
const OID = '7c0e0000-0000-4000-8000-0000000a11ce';

describe('bearer token', () => {
  it('reads `Bearer <token>` with any scheme case', () => {
    assert.equal(bearerToken('Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerToken('bearer   abc'), 'abc');
  });

  it("answers a missing, empty or non-Bearer credential with 'Access token is empty.'", () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'abc']) {
      assert.throws(() => bearerToken(header), (e: unknown) => e instanceof GraphError && e.status === 401 && e.code === 'InvalidAuthenticationToken' && e.message === 'Access token is empty.');
    }
  });
});

describe('issuer', () => {
  it('reads the v1 and v2 shapes (tokens.md §7.1), prefix included', () => {
    assert.deepEqual(parseIssuer(`https://localhost:8443/${TID}/v2.0`), { base: 'https://localhost:8443', tenantId: TID, version: 2 });
    assert.deepEqual(parseIssuer(`https://localhost:8443/${TID.toUpperCase()}/`), { base: 'https://localhost:8443', tenantId: TID, version: 1 });
    assert.deepEqual(parseIssuer(`https://h.example/tessera/${TID}/`), { base: 'https://h.example/tessera', tenantId: TID, version: 1 });
  });

  it('refuses anything else', () => {
    for (const iss of [undefined, 42, `https://localhost:8443/${TID}`, 'https://localhost:8443/common/v2.0', `${TID}/`, '/v2.0', `https://localhost/${TID}/v1.0`]) {
      assert.equal(parseIssuer(iss), null, String(iss));
    }
  });
});

describe('token classification (tokens.md §4.3)', () => {
  const base = { tid: TID, oid: OID, exp: 2_000_000_000 };
  it('treats idtyp=app or a missing scp as app-only, with roles as permissions', () => {
    const app = principalFromClaims({ ...base, idtyp: 'app', appid: 'DA000000-0000-4000-8000-000000000001', roles: ['User.Read.All', 7] });
    assert.deepEqual(app && { ...app, permissions: [...app.permissions] }, {
      kind: 'app', tenantId: TID, objectId: OID, appId: 'da000000-0000-4000-8000-000000000001', permissions: ['User.Read.All'], expiresAt: 2_000_000_000_000,
    });
    assert.equal(principalFromClaims({ ...base, roles: ['x'] })?.kind, 'app');
    assert.equal(principalFromClaims({ ...base, idtyp: 'app', scp: 'User.Read' })?.kind, 'app');
  });

  it('treats a token with scp as delegated, with the scope values as permissions', () => {
    const user = principalFromClaims({ ...base, azp: 'c1', scp: 'openid profile User.Read', roles: ['Admin'] });
    assert.equal(user?.kind, 'delegated');
    assert.deepEqual([...(user?.permissions ?? [])], ['openid', 'profile', 'User.Read']);
  });

  it('refuses tokens without oid, tid or exp', () => {
    assert.equal(principalFromClaims({ tid: TID, exp: 1 }), null);
    assert.equal(principalFromClaims({ oid: OID, exp: 1 }), null);
    assert.equal(principalFromClaims({ oid: OID, tid: TID }), null);
  });
});
