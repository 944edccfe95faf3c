import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { SignJWT, type JWTHeaderParameters } from 'jose';
import type { ClientCredentials } from '../../../src/directory/directory.js';
import type { Application } from '../../../src/directory/types.js';
import { encodeBase64urlText } from '../../../src/lib/base64url.js';
import { decodeClientAssertion, verifyCertificateAssertion } from '../../../src/protocol/client-auth/client-assertion.js';
import { OAuthError } from '../../../src/protocol/errors.js';
import { createClientCertificate, keyCredentialOf, type ClientCertificate } from '../../fixtures/certs/client-certificate.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TOKEN_URL = 'https://localhost:8443/3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f/oauth2/v2.0/token';
const ISSUER = 'https://localhost:8443/3f1c5a0e-1111-4c2d-9e8f-0a1b2c3d4e5f/v2.0';
const now = new Date();
const nowSeconds = Math.floor(now.getTime() / 1000);

let registered: ClientCertificate;
let other: ClientCertificate;
let credentials: ClientCredentials;

before(async () => {
  [registered, other] = await Promise.all([createClientCertificate(), createClientCertificate()]);
  credentials = { application: { appId: APP_ID } as Application, secrets: [], certificates: [keyCredentialOf(registered)] };
});

interface Shape {
  header?: Partial<JWTHeaderParameters>;
  payload?: Record<string, unknown>;
  key?: ClientCertificate;
}

function assertion({ header = {}, payload = {}, key = registered }: Shape = {}): Promise<string> {
  const claims = { aud: TOKEN_URL, iss: APP_ID, sub: APP_ID, jti: randomUUID(), nbf: nowSeconds, exp: nowSeconds + 600, ...payload };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', x5t: registered.x5t, ...header } as JWTHeaderParameters).sign(key.privateKey);
}

async function verify(jwt: string, audiences: string[] = [TOKEN_URL, ISSUER]): Promise<void> {
  await verifyCertificateAssertion(decodeClientAssertion(jwt), credentials, { audiences, now });
}

async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OAuthError) return error.aadsts;
    throw error;
  }
  assert.fail('expected an OAuthError');
}

describe('certificate client assertions (protocol.md §4.2)', () => {
  it('accepts RS256 with x5t (msal SHA-1 path) and PS256 with x5t#S256 (SHA-256 path)', async () => {
    await verify(await assertion());
    await verify(await assertion({ header: { alg: 'PS256', x5t: undefined, 'x5t#S256': registered.x5tS256 } }));
  });

  it('accepts aud = the issuer, a kid naming the thumbprint, and a matching x5c', async () => {
    await verify(await assertion({ payload: { aud: ISSUER } }));
    await verify(await assertion({ header: { x5t: undefined, kid: registered.x5t } }));
    await verify(await assertion({ header: { x5t: undefined, kid: registered.sha1Hex.toLowerCase() } }));
    await verify(await assertion({ header: { x5c: [registered.certificateBase64] } }));
  });

  it('allows the same jti again within the assertion lifetime (msal reuses one for 10 minutes)', async () => {
    const jwt = await assertion();
    await verify(jwt);
    await verify(jwt);
  });

  it('allows 5 minutes of clock skew on exp and nbf', async () => {
    await verify(await assertion({ payload: { exp: nowSeconds - 240 } }));
    await verify(await assertion({ payload: { nbf: nowSeconds + 240 } }));
  });

  it('refuses assertions outside their time window with AADSTS700024', async () => {
    assert.equal(await codeOf(verify(await assertion({ payload: { exp: nowSeconds - 400 } }))), 700024);
    assert.equal(await codeOf(verify(await assertion({ payload: { nbf: nowSeconds + 400 } }))), 700024);
  });

  it('refuses a signature by another key, an unregistered certificate, a bad x5c with AADSTS700027', async () => {
    assert.equal(await codeOf(verify(await assertion({ key: other }))), 700027);
    assert.equal(await codeOf(verify(await assertion({ key: other, header: { x5t: other.x5t } }))), 700027);
    assert.equal(await codeOf(verify(await assertion({ header: { x5t: undefined } }))), 700027);
    assert.equal(await codeOf(verify(await assertion({ header: { x5c: [other.certificateBase64] } }))), 700027);
  });

  it('refuses alg none and HS256 keyed with the certificate public key (AADSTS700027)', async () => {
    const claims = { aud: TOKEN_URL, iss: APP_ID, sub: APP_ID, jti: randomUUID(), nbf: nowSeconds, exp: nowSeconds + 600 };
    const unsigned = `${encodeBase64urlText(JSON.stringify({ alg: 'none', typ: 'JWT', x5t: registered.x5t }))}.${encodeBase64urlText(JSON.stringify(claims))}.`;
    assert.equal(await codeOf(verify(unsigned)), 700027);
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', x5t: registered.x5t }).sign(new TextEncoder().encode(registered.certificatePem));
    assert.equal(await codeOf(verify(hs256)), 700027);
  });

  it('refuses expired and not-yet-valid certificates (AADSTS700027)', async () => {
    const jwt = await assertion();
    const dated = (start: string, end: string): ClientCredentials => ({ ...credentials, certificates: [keyCredentialOf(registered, { startDateTime: start, endDateTime: end })] });
    const expired = dated('2020-01-01T00:00:00Z', new Date(now.getTime() - 1000).toISOString());
    const future = dated(new Date(now.getTime() + 60_000).toISOString(), '2099-01-01T00:00:00Z');
    assert.equal(await codeOf(verifyCertificateAssertion(decodeClientAssertion(jwt), expired, { audiences: [TOKEN_URL], now })), 700027);
    assert.equal(await codeOf(verifyCertificateAssertion(decodeClientAssertion(jwt), future, { audiences: [TOKEN_URL], now })), 700027);
    const signing = { ...credentials, certificates: [keyCredentialOf(registered, { usage: 'Sign' })] };
    assert.equal(await codeOf(verifyCertificateAssertion(decodeClientAssertion(jwt), signing, { audiences: [TOKEN_URL], now })), 700027);
  });

  it('refuses several audiences (AADSTS5002741) and a foreign audience (AADSTS700023)', async () => {
    assert.equal(await codeOf(verify(await assertion({ payload: { aud: [TOKEN_URL] } }))), 5002741);
    assert.equal(await codeOf(verify(await assertion({ payload: { aud: [TOKEN_URL, ISSUER] } }))), 5002741);
    assert.equal(await codeOf(verify(await assertion({ payload: { aud: 'https://localhost:8443/common/oauth2/v2.0/token' } }))), 700023);
    assert.equal(await codeOf(verify(await assertion({ payload: { aud: undefined } }))), 700023);
    assert.equal(await codeOf(verify(await assertion(), [TOKEN_URL.replace('v2.0/', '')])), 700023);
  });

  it('refuses malformed assertions and a missing exp as invalid_client AADSTS50027', async () => {
    for (const jwt of ['not-a-jwt', 'a.b.c', '']) {
      assert.throws(() => decodeClientAssertion(jwt), (error: OAuthError) => error.aadsts === 50027 && error.error === 'invalid_client' && error.status === 401);
    }
    assert.equal(await codeOf(verify(await assertion({ payload: { exp: undefined } }))), 50027);
  });
});
