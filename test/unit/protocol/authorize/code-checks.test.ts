import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuthorizationCodeData } from '../../../../src/protocol/authorize/code-data.js';
import { checkOrigin, checkPkce, checkRedirectUri, checkTenant, redeemable } from '../../../../src/protocol/grants/authorization-code/checks.js';
import type { AuthorizationCode } from '../../../../src/state/index.js';
import type { OAuthError } from '../../../../src/protocol/errors.js';

const TENANT = '7a000000-0000-4000-8000-00000000000a';
const data: AuthorizationCodeData = { v: 1, scope: 'openid', resource: null, nonce: null, authTime: 0, amr: ['pwd'], sid: 's', platform: 'web', endpointVersion: 'v2', userTenantId: TENANT, maxAgeRequested: false, ipAddress: null };
const code = (over: Partial<AuthorizationCode> = {}): AuthorizationCode => ({
  tenantId: TENANT, clientId: 'c', userId: 'u', redirectUri: 'https://app.example/cb', codeChallenge: null, codeChallengeMethod: null, familyId: 'f',
  data: data as unknown as Record<string, unknown>, createdAt: new Date(), expiresAt: new Date(), consumedAt: null, ...over,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as OAuthError).aadsts;
  }
  return 'ok';
};
const tenantCtx = (id: string | null, alias: 'common' | 'organizations' | null = null) => ({ segment: id ?? alias ?? '', alias, tenant: id === null ? null : { id, displayName: 'x', kind: 'organization' as const, countryLetterCode: null, createdDateTime: '', domains: [] } });

describe('authorization_code checks (protocol.md §5.1, §4.3)', () => {
  it('maps store results', () => {
    assert.equal(codeOf(() => redeemable({ status: 'unknown' })), 70000);
    assert.equal(codeOf(() => redeemable({ status: 'expired' })), 70008);
    assert.equal(codeOf(() => redeemable({ status: 'replayed', familyId: 'f', revoked: true })), 54005);
    assert.equal(redeemable({ status: 'ok', code: code() }).data.platform, 'web');
  });

  it('PKCE: S256, plain, missing, mismatched, downgrade', () => {
    const verifier = 'a'.repeat(43);
    const s256 = createHash('sha256').update(verifier).digest('base64url');
    assert.equal(codeOf(() => checkPkce(verifier, code({ codeChallenge: s256, codeChallengeMethod: 'S256' }))), 'ok');
    assert.equal(codeOf(() => checkPkce(verifier, code({ codeChallenge: verifier, codeChallengeMethod: 'plain' }))), 'ok');
    assert.equal(codeOf(() => checkPkce(undefined, code({ codeChallenge: s256, codeChallengeMethod: 'S256' }))), 900144);
    assert.equal(codeOf(() => checkPkce(verifier, code({ codeChallenge: verifier, codeChallengeMethod: 'S256' }))), 501481);
    assert.equal(codeOf(() => checkPkce(verifier, code())), 501481);
    assert.equal(codeOf(() => checkPkce(undefined, code())), 'ok');
  });

  it('origin rules', () => {
    assert.equal(codeOf(() => checkOrigin('https://x', code(), data)), 9002326);
    assert.equal(codeOf(() => checkOrigin(undefined, code(), { ...data, platform: 'spa' })), 9002327);
    assert.equal(codeOf(() => checkOrigin('https://x', code(), { ...data, platform: 'spa' })), 9002325);
    assert.equal(codeOf(() => checkOrigin('https://x', code({ codeChallenge: 'c', codeChallengeMethod: 'plain' }), { ...data, platform: 'spa' })), 'ok');
  });

  it('tenant and redirect URI', () => {
    assert.equal(codeOf(() => checkTenant(tenantCtx(TENANT), code(), data)), 'ok');
    assert.equal(codeOf(() => checkTenant(tenantCtx(null, 'common'), code(), data)), 700005);
    assert.equal(codeOf(() => checkTenant(tenantCtx(TENANT), code({ tenantId: 'organizations' }), data)), 'ok');
    assert.equal(codeOf(() => checkTenant(tenantCtx('7a000000-0000-4000-8000-00000000000b'), code({ tenantId: 'organizations' }), data)), 700005);
    assert.equal(codeOf(() => checkRedirectUri('https://app.example/cb', code())), 'ok');
    assert.equal(codeOf(() => checkRedirectUri('https://app.example/cb/', code())), 500112);
    assert.equal(codeOf(() => checkRedirectUri(undefined, code())), 900144);
  });
});
