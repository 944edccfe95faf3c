import assert from 'node:assert/strict';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, it } from 'node:test';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { buildIdTokenClaims, ID_TOKEN_LIFETIME_SECONDS, leftHalfHash, type IdTokenClaimsInput } from '../../../src/tokens/claims/id-token.js';
import { mintIdToken } from '../../../src/tokens/id-token.js';
import { decodeLoginHintClaim } from '../../../src/tokens/claims/login-hint.js';
import { signJwt } from '../../../src/tokens/jws.js';
import type { KeyStore } from '../../../src/tokens/keys/keystore.js';
import { tokenTimes } from '../../../src/tokens/lifetime.js';

const TID = 'fa15d692-e9c7-4460-a743-29f2956fd429';
const CLIENT = 'b14a7505-96e9-4927-91e8-0601d0fc9caa';
const OID = '05833b6b-aa1d-42d4-9ec0-1b2bb9194438';
const SID = '00b1c2d3-0000-4000-8000-000000000001';
const V1_ISS = `https://localhost:8443/${TID}/`;
const V2_ISS = `https://localhost:8443/${TID}/v2.0`;
const SUB = '5_J9rSss8-jvt_Icu6ueRNL8xXb8LF4Fsg_KooC2RJQ';

function input(overrides: Partial<IdTokenClaimsInput> = {}): IdTokenClaimsInput {
  return {
    version: 2,
    clientAppId: CLIENT,
    issuer: V2_ISS,
    tenantId: TID,
    user: {
      id: OID,
      displayName: 'Abe Lincoln',
      givenName: 'Abe',
      surname: 'Lincoln',
      userPrincipalName: 'AbeLi@contoso.com',
      mail: 'abeli@contoso.com',
      userType: 'Member',
      directoryRoles: [],
    },
    subject: SUB,
    identityProvider: null,
    oidcScopes: new Set(['openid', 'profile', 'offline_access']),
    nonce: '123523',
    roles: [],
    optionalClaims: new Set(),
    maxAgeRequested: false,
    signIn: { methods: ['pwd'], authTime: 990, sessionId: SID, ipAddress: '131.107.222.22' },
    times: { iat: 1000, nbf: 1000, exp: 4900 },
    handles: { uti: 'u', aio: 'a', rh: 'r' },
    ...overrides,
  };
}

describe('v2 ID token claims (tokens.md §9.1)', () => {
  it('openid profile: the exact claim set of the §9.1 sample, aud = client, sid of the session', () => {
    assert.deepEqual(buildIdTokenClaims(input()), {
      aud: CLIENT,
      iss: V2_ISS,
      iat: 1000,
      nbf: 1000,
      exp: 4900,
      aio: 'a',
      name: 'Abe Lincoln',
      nonce: '123523',
      oid: OID,
      preferred_username: 'AbeLi@contoso.com',
      rh: 'r',
      sid: SID,
      sub: SUB,
      tid: TID,
      uti: 'u',
      ver: '2.0',
    });
  });

  it('openid alone: no profile claims; tid and sub stay', () => {
    const claims = buildIdTokenClaims(input({ oidcScopes: new Set(['openid']), nonce: undefined, signIn: { ...input().signIn, sessionId: null } }));
    assert.deepEqual(Object.keys(claims), ['aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'rh', 'sub', 'tid', 'uti', 'ver']);
  });

  const nonceCases: Array<[string, string | undefined]> = [['sent', 'n-0S6_WzA2Mj'], ['sent, odd characters', 'a b/ü'], ['not sent', undefined]];
  for (const [name, nonce] of nonceCases) {
    it(`nonce present exactly when sent: ${name}`, () => {
      const claims = buildIdTokenClaims(input({ nonce }));
      assert.equal('nonce' in claims, nonce !== undefined);
      if (nonce !== undefined) assert.equal(claims.nonce, nonce);
      const v1 = buildIdTokenClaims(input({ version: 1, issuer: V1_ISS, nonce }));
      assert.equal('nonce' in v1, nonce !== undefined);
    });
  }

  it('email with the `email` scope (or optional claim) when the account has a mail address', () => {
    assert.equal(buildIdTokenClaims(input()).email, undefined);
    assert.equal(buildIdTokenClaims(input({ oidcScopes: new Set(['openid', 'email']) })).email, 'abeli@contoso.com');
    assert.equal(buildIdTokenClaims(input({ optionalClaims: new Set(['email']) })).email, 'abeli@contoso.com');
    assert.equal('email' in buildIdTokenClaims(input({ oidcScopes: new Set(['openid', 'email']), user: { ...input().user, mail: null } })), false);
  });

  it('roles of the user on the client; idp only when it is not the issuer; auth_time with max_age or the optional claim', () => {
    const claims = buildIdTokenClaims(input({ roles: ['Reader'], identityProvider: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', maxAgeRequested: true }));
    assert.deepEqual(claims.roles, ['Reader']);
    assert.equal(claims.idp, 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/');
    assert.equal(claims.auth_time, 990);
    assert.equal('idp' in buildIdTokenClaims(input({ identityProvider: V2_ISS })), false);
    assert.equal(buildIdTokenClaims(input({ optionalClaims: new Set(['auth_time']) })).auth_time, 990);
    assert.equal('auth_time' in buildIdTokenClaims(input()), false);
  });

  it('login_hint only as an optional claim, decodable back to the account by our endpoints', () => {
    assert.equal('login_hint' in buildIdTokenClaims(input()), false);
    const hint = buildIdTokenClaims(input({ optionalClaims: new Set(['login_hint']) })).login_hint as string;
    assert.match(hint, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeLoginHintClaim(hint), { tenantId: TID, objectId: OID });
    for (const other of ['alice@contoso.com', '', 'eyJ2IjoyfQ', '!!!']) assert.equal(decodeLoginHintClaim(other), null, other);
  });

  it('personal accounts: tid is the consumers tenant, no idp (the §9.1 MSA sample)', () => {
    const msa = '9188040d-6c67-4c5b-b112-36a304b66dad';
    const claims = buildIdTokenClaims(input({ tenantId: msa, issuer: `https://localhost:8443/${msa}/v2.0` }));
    assert.equal(claims.tid, msa);
    assert.equal('idp' in claims, false);
  });

  it('lives one hour: with the 5-minute back-dating exp − iat = 3900 (tokens.md §8)', () => {
    const times = tokenTimes(new Date('2026-01-01T00:00:00Z'), ID_TOKEN_LIFETIME_SECONDS);
    const claims = buildIdTokenClaims(input({ times }));
    assert.equal((claims.exp as number) - (claims.iat as number), 3900);
    assert.equal(claims.iat, claims.nbf);
  });
});

describe('c_hash / at_hash (tokens.md §9.1, OIDC Core §3.3.2.11, §3.1.3.6)', () => {
  it('matches the OIDC Core examples (§A.3 at_hash, §A.4 c_hash)', () => {
    assert.equal(leftHalfHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y'), '77QmUPtjPfzWtF2AnpK9RQ');
    assert.equal(leftHalfHash('Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk'), 'LDktKdoQak3Pk0cnXxCltA');
  });

  it('matches an independent WebCrypto computation', async () => {
    const value = 'eyJ0eXAiOiJKV1Qi.some.access-token';
    const digest = new Uint8Array(await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
    assert.equal(leftHalfHash(value), Buffer.from(digest.slice(0, 16)).toString('base64url'));
  });

  const cases: Array<[string, IdTokenClaimsInput['issuedWith'], string[]]> = [
    ['from /token: neither', undefined, []],
    ['code id_token: c_hash', { code: 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk' }, ['c_hash']],
    ['id_token token: at_hash', { accessToken: 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y' }, ['at_hash']],
    ['code id_token token: both', { code: 'c', accessToken: 't' }, ['at_hash', 'c_hash']],
  ];
  for (const [name, issuedWith, present] of cases) {
    it(name, () => {
      const claims = buildIdTokenClaims(input({ issuedWith }));
      assert.deepEqual(['at_hash', 'c_hash'].filter((c) => c in claims), present);
      if (issuedWith?.code) assert.equal(claims.c_hash, leftHalfHash(issuedWith.code));
      if (issuedWith?.accessToken) assert.equal(claims.at_hash, leftHalfHash(issuedWith.accessToken));
    });
  }
});

describe('v1 ID token claims (tokens.md §9.2)', () => {
  it('the claim set of the §9.2 sample: amr, names, ipaddr, unique_name, upn; no preferred_username', () => {
    assert.deepEqual(buildIdTokenClaims(input({ version: 1, issuer: V1_ISS, oidcScopes: new Set(['openid']) })), {
      aud: CLIENT,
      iss: V1_ISS,
      iat: 1000,
      nbf: 1000,
      exp: 4900,
      aio: 'a',
      amr: ['pwd'],
      email: 'abeli@contoso.com',
      family_name: 'Lincoln',
      given_name: 'Abe',
      ipaddr: '131.107.222.22',
      name: 'Abe Lincoln',
      nonce: '123523',
      oid: OID,
      rh: 'r',
      sid: SID,
      sub: SUB,
      tid: TID,
      unique_name: 'AbeLi@contoso.com',
      upn: 'AbeLi@contoso.com',
      uti: 'u',
      ver: '1.0',
    });
  });

  it('preferred_username only as an optional claim', () => {
    const claims = buildIdTokenClaims(input({ version: 1, issuer: V1_ISS, optionalClaims: new Set(['preferred_username']) }));
    assert.equal(claims.preferred_username, 'AbeLi@contoso.com');
  });
});

describe('mintIdToken', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = { signJwt: (payload: Record<string, unknown>, options?: { x5t?: boolean }) => signJwt(payload, { kid: 'k1', privateKey }, options) } as unknown as KeyStore;

  it('v2: RS256 without x5t; v1: RS256 with x5t = kid (tokens.md §2)', async () => {
    const v2 = await mintIdToken(keys, input());
    assert.deepEqual(decodeProtectedHeader(v2.token), { typ: 'JWT', alg: 'RS256', kid: 'k1' });
    await compactVerify(v2.token, publicKey);
    assert.deepEqual(decodeJwt(v2.token), v2.claims);
    const v1 = await mintIdToken(keys, input({ version: 1, issuer: V1_ISS }));
    assert.deepEqual(decodeProtectedHeader(v1.token), { typ: 'JWT', alg: 'RS256', x5t: 'k1', kid: 'k1' });
  });

  it('v1 /token when asked: unsigned, {"typ":"JWT","alg":"none"} and an empty signature (tokens.md §9.2)', async () => {
    const { token, claims } = await mintIdToken(keys, input({ version: 1, issuer: V1_ISS }), { unsigned: true });
    const [header, payload, signature] = token.split('.');
    assert.equal(Buffer.from(header as string, 'base64url').toString(), '{"typ":"JWT","alg":"none"}');
    assert.deepEqual(JSON.parse(Buffer.from(payload as string, 'base64url').toString()), claims);
    assert.equal(signature, '');
    assert.ok(token.endsWith('.'));
  });

  it('v2 ID tokens are signed even when unsigned is asked', async () => {
    const { token } = await mintIdToken(keys, input(), { unsigned: true });
    assert.equal(decodeProtectedHeader(token).alg, 'RS256');
    await compactVerify(token, publicKey);
  });
});
