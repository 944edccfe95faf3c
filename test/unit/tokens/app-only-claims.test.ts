import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAppOnlyClaims, type AppOnlyClaimsInput } from '../../../src/tokens/claims/app-only.js';
import { newGraphNonce, newTokenHandles } from '../../../src/tokens/claims/handles.js';

const TID = '3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const SP = '99999999-8888-4777-8666-555555555555';

function input(overrides: Partial<AppOnlyClaimsInput> = {}): AppOnlyClaimsInput {
  return {
    version: 1,
    audience: 'https://graph.microsoft.com',
    issuer: `https://localhost:8443/${TID}/`,
    tenantId: TID,
    clientAppId: CLIENT,
    clientDisplayName: 'Daemon',
    clientServicePrincipalId: SP,
    clientAuthClass: '1',
    roles: ['User.Read.All'],
    times: { iat: 1000, nbf: 1000, exp: 5200 },
    handles: { uti: 'u', aio: 'a', rh: 'r' },
    ...overrides,
  };
}

describe('app-only access-token claims (tokens.md §4)', () => {
  it('v1: appid/appidacr, app_displayname, idp = iss, idtyp app, oid = sub = client SP, in Entra order', () => {
    const claims = buildAppOnlyClaims(input());
    assert.deepEqual(claims, {
      aud: 'https://graph.microsoft.com',
      iss: `https://localhost:8443/${TID}/`,
      iat: 1000,
      nbf: 1000,
      exp: 5200,
      aio: 'a',
      app_displayname: 'Daemon',
      appid: CLIENT,
      appidacr: '1',
      idp: `https://localhost:8443/${TID}/`,
      idtyp: 'app',
      oid: SP,
      rh: 'r',
      roles: ['User.Read.All'],
      sub: SP,
      tid: TID,
      uti: 'u',
      ver: '1.0',
    });
    // tokens.md §4.2 samples: aud, iss, iat, nbf, exp first, then alphabetical.
    assert.deepEqual(Object.keys(claims).slice(5), Object.keys(claims).slice(5).sort());
  });

  it('v2: azp/azpacr instead of appid/appidacr, no app_displayname, ver 2.0', () => {
    const claims = buildAppOnlyClaims(input({ version: 2, audience: CLIENT, issuer: `https://localhost:8443/${TID}/v2.0`, clientAuthClass: '2' }));
    assert.deepEqual(Object.keys(claims), ['aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'azp', 'azpacr', 'idp', 'idtyp', 'oid', 'rh', 'roles', 'sub', 'tid', 'uti', 'ver']);
    assert.equal(claims.azp, CLIENT);
    assert.equal(claims.azpacr, '2');
    assert.equal(claims.ver, '2.0');
    assert.equal(claims.idp, claims.iss);
  });

  it('omits roles when the client holds none, and never carries user claims', () => {
    const claims = buildAppOnlyClaims(input({ roles: [] }));
    assert.equal('roles' in claims, false);
    for (const name of ['scp', 'name', 'upn', 'unique_name', 'preferred_username', 'amr', 'acr']) assert.equal(name in claims, false, name);
  });

  it('copies the roles array', () => {
    const roles = ['a'];
    const claims = buildAppOnlyClaims(input({ roles }));
    roles.push('b');
    assert.deepEqual(claims.roles, ['a']);
  });
});

describe('opaque token handles (tokens.md §4.1, §5)', () => {
  it('uti is 22 base64url characters, rh has the 0.A….-shape, values differ per token', () => {
    const a = newTokenHandles();
    const b = newTokenHandles();
    assert.match(a.uti, /^[A-Za-z0-9_-]{22}$/);
    assert.match(a.rh, /^0\.A[A-Za-z0-9_-]+\.$/);
    assert.match(a.aio, /^[A-Za-z0-9+/]+=*$/);
    assert.notEqual(a.uti, b.uti);
    assert.notEqual(a.aio, b.aio);
  });

  it('the Graph nonce is 43 base64url characters', () => {
    assert.match(newGraphNonce(), /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newGraphNonce(), newGraphNonce());
  });
});
