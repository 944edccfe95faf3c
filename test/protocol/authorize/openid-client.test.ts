/**
 * openid-client 6, unmodified: discovery, buildAuthorizationUrl (PKCE S256, state, nonce), the
 * sign-in pages (driven as forms), authorizationCodeGrant with its own checks of state, nonce,
 * issuer and audience; the ID token's signature verified against the discovered JWKS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { bootTessera } from '../../helpers/tessera.js';
import { ALICE, ALICE_PASSWORD, environment, TENANT, WEB_APP, WEB_SECRET } from './authorize.config.js';
import { FormClient, signInForCode } from './form-client.js';

const CALLBACK = 'http://localhost:47400/callback';
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(CALLBACK) });
});
after(() => tessera.close());

describe('openid-client authorization code flow', () => {
  it('validates the ID token (signature, issuer, audience, nonce) and gets tokens', async () => {
    const issuer = new URL(`${tessera.url}/${TENANT}/v2.0`);
    const config = await client.discovery(issuer, WEB_APP, undefined, client.ClientSecretPost(WEB_SECRET));
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid profile email offline_access User.Read',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const landed = await signInForCode(new FormClient(), tessera.url, url.href, ALICE, ALICE_PASSWORD);
    const tokens = await client.authorizationCodeGrant(config, landed, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    assert.ok(tokens.access_token && tokens.refresh_token && tokens.id_token);
    const claims = tokens.claims();
    assert.equal(claims?.nonce, nonce);
    assert.equal(claims?.iss, issuer.href);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: issuer.href, audience: WEB_APP, algorithms: ['RS256'] });
    assert.equal(payload.preferred_username, ALICE);
    assert.equal(tokens.scope, 'User.Read openid profile email offline_access');
  });
});
