import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessTokenAudience, buildDelegatedClaims, directoryRolesInAccessToken, type DelegatedClaimsInput } from '../../../src/tokens/claims/delegated.js';
import { optionalClaimNames } from '../../../src/tokens/claims/optional.js';

const TID = '7fe81447-da57-4385-becb-6de57f21477e';
const HOME_TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '2d4d11a2-f814-46a7-890a-274a72a7309e';
const API = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const OID = '68389ae2-62fa-4b18-91fe-53dd109d74f5';
const SID = '00b1c2d3-0000-4000-8000-000000000001';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const GRAPH = '00000003-0000-0000-c000-000000000000';
const V1_ISS = `https://localhost:8443/${TID}/`;
const V2_ISS = `https://localhost:8443/${TID}/v2.0`;

function input(overrides: Partial<DelegatedClaimsInput> = {}): DelegatedClaimsInput {
  return {
    version: 1,
    audience: 'https://service.contoso.com/',
    issuer: V1_ISS,
    tenantId: TID,
    client: { appId: CLIENT, authClass: '0', displayName: 'Contoso Desktop' },
    user: {
      id: OID,
      displayName: 'Frank Miller',
      givenName: 'Frank',
      surname: 'Miller',
      userPrincipalName: 'frankm@contoso.com',
      mail: 'frank.miller@contoso.com',
      userType: 'Member',
      directoryRoles: [GLOBAL_ADMIN],
    },
    subject: 'deNqIj9IOE9PWJWbHsftXt2EabPVl0Cj8QAmefRLV98',
    identityProvider: null,
    scopes: ['user_impersonation'],
    roles: [],
    includeDirectoryRoles: false,
    profileScope: true,
    optionalClaims: new Set(),
    signIn: { methods: ['pwd'], authTime: 990, sessionId: SID, ipAddress: '131.107.222.22' },
    times: { iat: 1000, nbf: 1000, exp: 4900 },
    handles: { uti: 'u', aio: 'a', rh: 'r' },
    ...overrides,
  };
}

describe('delegated access-token claims (tokens.md §4.1, §4.3)', () => {
  it('v1: the claim set of the §4.2 sample plus aio/amr/ipaddr/name/rh/uti, in Entra order', () => {
    assert.deepEqual(buildDelegatedClaims(input()), {
      aud: 'https://service.contoso.com/',
      iss: V1_ISS,
      iat: 1000,
      nbf: 1000,
      exp: 4900,
      acr: '1',
      aio: 'a',
      amr: ['pwd'],
      app_displayname: 'Contoso Desktop',
      appid: CLIENT,
      appidacr: '0',
      family_name: 'Miller',
      given_name: 'Frank',
      ipaddr: '131.107.222.22',
      name: 'Frank Miller',
      oid: OID,
      rh: 'r',
      scp: 'user_impersonation',
      sub: 'deNqIj9IOE9PWJWbHsftXt2EabPVl0Cj8QAmefRLV98',
      tid: TID,
      unique_name: 'frankm@contoso.com',
      upn: 'frankm@contoso.com',
      uti: 'u',
      ver: '1.0',
    });
  });

  it('v2: azp/azpacr, preferred_username, no v1-only claims (acr, amr, upn, unique_name, names, ipaddr)', () => {
    const claims = buildDelegatedClaims(input({ version: 2, audience: API, issuer: V2_ISS, scopes: ['access_as_user'] }));
    assert.deepEqual(claims, {
      aud: API,
      iss: V2_ISS,
      iat: 1000,
      nbf: 1000,
      exp: 4900,
      aio: 'a',
      azp: CLIENT,
      azpacr: '0',
      name: 'Frank Miller',
      oid: OID,
      preferred_username: 'frankm@contoso.com',
      rh: 'r',
      scp: 'access_as_user',
      sub: 'deNqIj9IOE9PWJWbHsftXt2EabPVl0Cj8QAmefRLV98',
      tid: TID,
      uti: 'u',
      ver: '2.0',
    });
  });

  it('v2 without `profile`: no name, no preferred_username', () => {
    const claims = buildDelegatedClaims(input({ version: 2, audience: API, issuer: V2_ISS, profileScope: false }));
    assert.equal('name' in claims, false);
    assert.equal('preferred_username' in claims, false);
    assert.equal(claims.oid, OID);
  });

  it('scp is space-separated, roles appear when the user holds some, amr lists every method', () => {
    const claims = buildDelegatedClaims(input({ scopes: ['Files.Read', 'User.Read'], roles: ['Approver'], signIn: { methods: ['pwd', 'mfa'], authTime: 990, sessionId: null, ipAddress: null } }));
    assert.equal(claims.scp, 'Files.Read User.Read');
    assert.deepEqual(claims.roles, ['Approver']);
    assert.deepEqual(claims.amr, ['pwd', 'mfa']);
    assert.equal('ipaddr' in claims, false);
  });

  const widsCases: Array<[string, boolean, string[], boolean]> = [
    ['role holder, wids wanted', true, [GLOBAL_ADMIN], true],
    ['role holder, wids not wanted', false, [GLOBAL_ADMIN], false],
    ['no roles', true, [], false],
  ];
  for (const [name, include, roles, present] of widsCases) {
    it(`wids: ${name}`, () => {
      const claims = buildDelegatedClaims(input({ includeDirectoryRoles: include, user: { ...input().user, directoryRoles: roles } }));
      assert.equal('wids' in claims, present);
      if (present) assert.deepEqual(claims.wids, roles);
    });
  }

  it('wids go to Graph always, to other resources per groupMembershipClaims All/DirectoryRole', () => {
    assert.equal(directoryRolesInAccessToken(GRAPH, null), true);
    assert.equal(directoryRolesInAccessToken(API, null), false);
    assert.equal(directoryRolesInAccessToken(API, 'SecurityGroup'), false);
    assert.equal(directoryRolesInAccessToken(API, 'All'), true);
    assert.equal(directoryRolesInAccessToken(API, 'DirectoryRole'), true);
  });

  it('guests: idp is the home STS, v1 carries their email; idp equal to iss is left out', () => {
    const guest = { ...input().user, userType: 'Guest' as const };
    const claims = buildDelegatedClaims(input({ user: guest, identityProvider: `https://sts.windows.net/${HOME_TID}/` }));
    assert.equal(claims.idp, `https://sts.windows.net/${HOME_TID}/`);
    assert.equal(claims.email, 'frank.miller@contoso.com');
    assert.equal('idp' in buildDelegatedClaims(input({ identityProvider: V1_ISS })), false);
    assert.equal('email' in buildDelegatedClaims(input()), false, 'members get email only as an optional claim');
  });

  it('optional claims of the resource (tokens.md §4.4): sid, auth_time, email, upn, v2 names, idtyp', () => {
    const optional = optionalClaimNames({
      accessToken: [
        { name: 'sid' }, { name: 'auth_time' }, { name: 'email' }, { name: 'upn' }, { name: 'family_name' }, { name: 'given_name' },
        { name: 'ipaddr' }, { name: 'idtyp', additionalProperties: ['include_user_token'] },
      ],
      idToken: [{ name: 'login_hint' }],
    }, 'accessToken');
    const claims = buildDelegatedClaims(input({ version: 2, audience: API, issuer: V2_ISS, optionalClaims: optional }));
    assert.deepEqual(
      Object.keys(claims),
      ['aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'auth_time', 'azp', 'azpacr', 'email', 'family_name', 'given_name', 'idtyp', 'ipaddr', 'name', 'oid', 'preferred_username', 'rh', 'scp', 'sid', 'sub', 'tid', 'upn', 'uti', 'ver'],
    );
    assert.equal(claims.sid, SID);
    assert.equal(claims.auth_time, 990);
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.upn, 'frankm@contoso.com');
  });

  it('without optional claims: no sid, no auth_time, no idtyp (not in the access-token table)', () => {
    for (const version of [1, 2] as const) {
      const claims = buildDelegatedClaims(input({ version }));
      for (const name of ['sid', 'auth_time', 'idtyp', 'nonce', 'roles', 'email']) assert.equal(name in claims, false, `v${version} ${name}`);
    }
  });

  it('idtyp needs include_user_token; unknown shapes of optionalClaims are ignored', () => {
    assert.equal(optionalClaimNames({ accessToken: [{ name: 'idtyp' }] }, 'accessToken').has('idtyp'), false);
    assert.equal(optionalClaimNames(null, 'accessToken').size, 0);
    assert.equal(optionalClaimNames({ accessToken: 'sid' }, 'accessToken').size, 0);
    assert.deepEqual([...optionalClaimNames({ accessToken: [null, 1, { name: 2 }, { name: 'SID' }] }, 'accessToken')], ['sid']);
  });

  it('aud: v2 the resource appId; v1 the identifier as asked, an appId in canonical spelling (tokens.md §4.1)', () => {
    assert.equal(accessTokenAudience(2, 'api://notes', API), API);
    assert.equal(accessTokenAudience(1, 'https://service.contoso.com/', API), 'https://service.contoso.com/');
    assert.equal(accessTokenAudience(1, API.toUpperCase(), API), API);
    assert.equal(accessTokenAudience(1, 'https://graph.microsoft.com', GRAPH), 'https://graph.microsoft.com');
  });
});
