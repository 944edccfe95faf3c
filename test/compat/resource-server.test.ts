/**
 * A resource server validating Tessera's app-only tokens with jose, as Microsoft's guidance says
 * (tokens.md §7.3): choose the discovery document by the token's `ver`, fetch its `jwks_uri`, then
 * check signature, issuer and audience. Graph's `nonce` header is signed as emitted (tokens.md §5
 * option (a)), so its tokens verify too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { bootTessera, getJson, postForm } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, INVENTORY_API, INVENTORY_URI, ORDERS_URI, TENANT_A } from '../protocol/client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
});
after(() => tessera.close());

async function accessToken(scope: string): Promise<string> {
  const { status, body } = await postForm(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope });
  assert.equal(status, 200, JSON.stringify(body));
  return body.access_token as string;
}

/** tokens.md §7.3 step 1–4: metadata by `ver`, keys from its jwks_uri, exact issuer, our audience. */
async function validate(token: string, audience: string) {
  const ver = decodeJwt(token).ver;
  const metadataUrl = ver === '2.0' ? `${tessera.url}/${TENANT_A}/v2.0/.well-known/openid-configuration` : `${tessera.url}/${TENANT_A}/.well-known/openid-configuration`;
  const { body: metadata } = await getJson(metadataUrl);
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri as string));
  return jwtVerify(token, jwks, { issuer: metadata.issuer as string, audience, algorithms: ['RS256'] });
}

describe('resource-server validation with jose', () => {
  it('validates a v2 token against the v2 discovery document', async () => {
    const { payload } = await validate(await accessToken(`${INVENTORY_URI}/.default`), INVENTORY_API);
    assert.equal(payload.ver, '2.0');
    assert.equal(payload.azp, DAEMON);
  });

  it('validates a v1 token against the v1 discovery document', async () => {
    const { payload, protectedHeader } = await validate(await accessToken(`${ORDERS_URI}/.default`), ORDERS_URI);
    assert.equal(payload.ver, '1.0');
    assert.equal(protectedHeader.x5t, protectedHeader.kid);
  });

  it('validates a Graph token (nonce header signed as emitted)', async () => {
    const { protectedHeader } = await validate(await accessToken('https://graph.microsoft.com/.default'), 'https://graph.microsoft.com');
    assert.equal(typeof protectedHeader.nonce, 'string');
  });

  it("refuses a token for another audience and another tenant's issuer", async () => {
    const token = await accessToken(`${INVENTORY_URI}/.default`);
    await assert.rejects(validate(token, 'https://graph.microsoft.com'), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
    const { body } = await getJson(`${tessera.url}/${TENANT_A}/v2.0/.well-known/openid-configuration`);
    const jwks = createRemoteJWKSet(new URL(body.jwks_uri as string));
    await assert.rejects(jwtVerify(token, jwks, { issuer: `${tessera.url}/6a1b2c3d-0000-4000-8000-00000000000b/v2.0`, audience: INVENTORY_API }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
  });
});
