/**
 * Real clients discover the real server (spec/clients.md): openid-client on the GUID issuer,
 * msal-node with knownAuthorities for a GUID, a domain and `common`, jose's remote JWKS — and key
 * rotation as a resource server sees it.
 */
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { bootTessera, getJson, postForm } from '../../helpers/tessera.js';

const TENANT = 'a8990e1f-ff32-408a-9f8e-78d3b9139b95';
const APP = '6731de76-14a6-49ae-97bc-6eba6914391e';
const SECRET = 'discovery-test-secret-value-1234567890';
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({
    environment: {
      tenants: [
        {
          id: TENANT,
          name: 'testdirectory',
          displayName: 'Test Directory',
          applications: [{ appId: APP, displayName: 'Discovery daemon', secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } }],
          consent: [{ application: 'Discovery daemon' }],
        },
      ],
    },
  });
});
after(() => tessera.close());

async function clientCredentialsToken(): Promise<string> {
  const { status, body } = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: APP, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
  assert.equal(status, 200, JSON.stringify(body));
  return body.access_token as string;
}

describe('openid-client', () => {
  it('discovers the GUID tenant and gets the exact issuer', async () => {
    const config = await oidc.discovery(new URL(`${tessera.url}/${TENANT}/v2.0`), APP, SECRET);
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, `${tessera.url}/${TENANT}/v2.0`);
    assert.equal(metadata.token_endpoint, `${tessera.url}/${TENANT}/oauth2/v2.0/token`);
  });
});

describe('msal-node', () => {
  function cca(tenant: string): ConfidentialClientApplication {
    return new ConfidentialClientApplication({
      auth: { clientId: APP, clientSecret: SECRET, authority: `${tessera.url}/${tenant}`, knownAuthorities: [new URL(tessera.url).host] },
    });
  }

  it('resolves a GUID authority and a verified-domain authority, then gets a token', async () => {
    for (const tenant of [TENANT, 'testdirectory.onmicrosoft.com']) {
      const result = await cca(tenant).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      assert.ok(result?.accessToken, tenant);
      assert.equal(decodeJwt(result.accessToken).tid, TENANT);
    }
  });

  it('resolves GUID, domain and `common` authorities from their discovery documents', async () => {
    // getAuthCodeUrl resolves the authority (discovery) and builds the URL from the document's
    // authorization_endpoint (keeping the configured tenant segment, spec/clients.md item 2);
    // a discovery failure is msal's opaque `endpoints_resolution_error`.
    const expected: Record<string, string> = { [TENANT]: TENANT, 'testdirectory.onmicrosoft.com': 'testdirectory.onmicrosoft.com', common: 'common', organizations: 'organizations' };
    for (const [tenant, segment] of Object.entries(expected)) {
      const pca = new PublicClientApplication({ auth: { clientId: APP, authority: `${tessera.url}/${tenant}`, knownAuthorities: [new URL(tessera.url).host] } });
      const url = await pca.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: 'http://localhost/callback' });
      assert.ok(url.startsWith(`${tessera.url}/${segment}/oauth2/v2.0/authorize?`), `${tenant}: ${url}`);
    }
  });
});

describe('jose createRemoteJWKSet', () => {
  it('verifies a token signed by the active key, with issuer and audience', async () => {
    const token = await clientCredentialsToken();
    const discovery = await getJson(`${tessera.url}/${TENANT}/.well-known/openid-configuration`);
    const jwks = createRemoteJWKSet(new URL(discovery.body.jwks_uri as string));
    const { payload } = await jwtVerify(token, jwks, { issuer: discovery.body.issuer as string, audience: 'https://graph.microsoft.com', algorithms: ['RS256'] });
    assert.equal(payload.tid, TENANT);
    assert.equal(payload.ver, '1.0');
  });
});

describe('key rotation', () => {
  it('keeps earlier tokens verifiable and published the new key before it signed', async () => {
    const before = await clientCredentialsToken();
    const oldKid = decodeProtectedHeader(before).kid;
    const jwksBefore = await getJson(`${tessera.url}/${TENANT}/discovery/v2.0/keys`);
    const kidsBefore = (jwksBefore.body.keys as Array<{ kid: string }>).map((k) => k.kid);

    await tessera.keys.rotate();

    const afterToken = await clientCredentialsToken();
    const newKid = decodeProtectedHeader(afterToken).kid;
    assert.notEqual(newKid, oldKid, 'new tokens are signed by the new key');
    assert.ok(kidsBefore.includes(newKid as string), 'the new key was published before it signed');

    const jwks = createRemoteJWKSet(new URL(`${tessera.url}/${TENANT}/discovery/v2.0/keys`));
    const options = { issuer: `${tessera.url}/${TENANT}/`, audience: 'https://graph.microsoft.com' };
    await jwtVerify(before, jwks, options);
    await jwtVerify(afterToken, jwks, options);
    const jwksAfter = await getJson(`${tessera.url}/${TENANT}/discovery/v2.0/keys`);
    const kidsAfter = (jwksAfter.body.keys as Array<{ kid: string }>).map((k) => k.kid);
    assert.ok(kidsAfter.includes(oldKid as string), 'the retired key stays published');
    assert.equal(kidsAfter.length, 3, 'retired + active + the next key');
  });
});
