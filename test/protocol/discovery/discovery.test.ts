/**
 * Discovery documents field by field (protocol.md §8.1–8.2), tenant resolution (§2.1) and the
 * JWKS (§8.3), against the real HTTPS server.
 */
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bootTessera, getJson } from '../../helpers/tessera.js';

const TENANT = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
const CONSUMERS = '9188040d-6c67-4c5b-b112-36a304b66dad';
let tessera: Awaited<ReturnType<typeof bootTessera>>;
let url: string;

before(async () => {
  tessera = await bootTessera({ environment: { tenants: [{ id: TENANT, name: 'contoso', displayName: 'Contoso', domains: ['contoso.com'] }] } });
  url = tessera.url;
});
after(() => tessera.close());

describe('v2 discovery', () => {
  it('describes a tenant requested by GUID, field by field', async () => {
    const { status, headers, body } = await getJson(`${url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'max-age=86400, private');
    assert.equal(headers.get('access-control-allow-origin'), '*');
    const t = `${url}/${TENANT}`;
    assert.equal(body.issuer, `${t}/v2.0`);
    assert.equal(body.token_endpoint, `${t}/oauth2/v2.0/token`);
    assert.equal(body.authorization_endpoint, `${t}/oauth2/v2.0/authorize`);
    assert.equal(body.device_authorization_endpoint, `${t}/oauth2/v2.0/devicecode`);
    assert.equal(body.end_session_endpoint, `${t}/oauth2/v2.0/logout`);
    assert.equal(body.jwks_uri, `${t}/discovery/v2.0/keys`);
    assert.equal(body.kerberos_endpoint, `${t}/kerberos`);
    assert.deepEqual(body.token_endpoint_auth_methods_supported, ['client_secret_post', 'private_key_jwt', 'client_secret_basic']);
    assert.deepEqual(body.response_modes_supported, ['query', 'fragment', 'form_post']);
    assert.deepEqual(body.subject_types_supported, ['pairwise']);
    assert.deepEqual(body.id_token_signing_alg_values_supported, ['RS256']);
    assert.deepEqual(body.response_types_supported, ['code', 'id_token', 'code id_token', 'id_token token']);
    assert.deepEqual(body.scopes_supported, ['openid', 'profile', 'email', 'offline_access']);
    assert.equal(body.request_uri_parameter_supported, false);
    assert.equal(body.http_logout_supported, true);
    assert.equal(body.frontchannel_logout_supported, true);
    assert.equal(body.tenant_region_scope, 'WW');
    assert.ok((body.claims_supported as string[]).includes('tid'));
    assert.equal(body.userinfo_endpoint, `${url}/oidc/userinfo`);
  });

  it('answers a verified domain, case-insensitively, with GUID endpoints and issuer', async () => {
    for (const domain of ['contoso.onmicrosoft.com', 'CONTOSO.com']) {
      const { status, body } = await getJson(`${url}/${domain}/v2.0/.well-known/openid-configuration`);
      assert.equal(status, 200, domain);
      assert.equal(body.issuer, `${url}/${TENANT}/v2.0`);
      assert.equal(body.token_endpoint, `${url}/${TENANT}/oauth2/v2.0/token`);
    }
  });

  it('uses the {tenantid} placeholder for common and organizations', async () => {
    for (const alias of ['common', 'organizations']) {
      const { status, body } = await getJson(`${url}/${alias}/v2.0/.well-known/openid-configuration`);
      assert.equal(status, 200);
      assert.equal(body.issuer, `${url}/{tenantid}/v2.0`);
      assert.equal(body.token_endpoint, `${url}/${alias}/oauth2/v2.0/token`);
      assert.equal(body.jwks_uri, `${url}/${alias}/discovery/v2.0/keys`);
      assert.equal(body.tenant_region_scope, null);
    }
  });

  it('gives consumers (and its GUID) the personal-accounts tenant issuer', async () => {
    for (const segment of ['consumers', CONSUMERS]) {
      const { status, body } = await getJson(`${url}/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(status, 200);
      assert.equal(body.issuer, `${url}/${CONSUMERS}/v2.0`);
    }
  });
});

describe('v1 discovery', () => {
  it('has the v1 issuer, endpoints and the common JWKS', async () => {
    const { status, body } = await getJson(`${url}/${TENANT}/.well-known/openid-configuration`);
    assert.equal(status, 200);
    assert.equal(body.issuer, `${url}/${TENANT}/`);
    assert.equal(body.token_endpoint, `${url}/${TENANT}/oauth2/token`);
    assert.equal(body.authorization_endpoint, `${url}/${TENANT}/oauth2/authorize`);
    assert.equal(body.jwks_uri, `${url}/common/discovery/keys`);
    assert.deepEqual(body.response_types_supported, ['code', 'id_token', 'code id_token', 'token id_token', 'token']);
    assert.deepEqual(body.scopes_supported, ['openid']);
    assert.equal(body.microsoft_multi_refresh_token, true);
    assert.equal(body.check_session_iframe, `${url}/${TENANT}/oauth2/checksession`);
    const common = await getJson(`${url}/common/.well-known/openid-configuration`);
    assert.equal(common.body.issuer, `${url}/{tenantid}/`);
  });
});

describe('tenant errors', () => {
  function assertEntraError(body: Record<string, unknown>, error: string, code: number, correlationId?: string) {
    assert.equal(body.error, error);
    assert.deepEqual(body.error_codes, [code]);
    const description = body.error_description as string;
    assert.match(description, new RegExp(`^AADSTS${code}: `));
    assert.match(description, /\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    assert.match(body.timestamp as string, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    assert.match(body.trace_id as string, /^[0-9a-f-]{36}$/);
    if (correlationId) assert.equal(body.correlation_id, correlationId);
    assert.equal(body.error_uri, `${url}/error?code=${code}`);
  }

  it('answers an unknown tenant GUID with AADSTS90002 invalid_tenant', async () => {
    const correlation = '0b6e6a3c-6f2c-4a52-9bd0-6d0e3e8a1f11';
    const { status, body } = await getJson(`${url}/11111111-2222-3333-4444-555555555555/v2.0/.well-known/openid-configuration`, { 'client-request-id': correlation });
    assert.equal(status, 400);
    assertEntraError(body, 'invalid_tenant', 90002, correlation);
    assert.match(body.error_description as string, /Tenant '11111111-2222-3333-4444-555555555555' not found/);
  });

  it('answers an unknown domain with AADSTS90002 on discovery and JWKS', async () => {
    for (const path of ['v2.0/.well-known/openid-configuration', '.well-known/openid-configuration', 'discovery/v2.0/keys', 'discovery/keys']) {
      const { status, body } = await getJson(`${url}/nobody.example.com/${path}`);
      assert.equal(status, 400, path);
      assertEntraError(body, 'invalid_tenant', 90002);
    }
  });

  it('answers a malformed tenant with AADSTS900023', async () => {
    for (const segment of ['not_a_tenant', 'contoso', '8eaef023-2b34-4da1-9baa-8bc8c9d6a49']) {
      const { status, body } = await getJson(`${url}/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(status, 400, segment);
      assertEntraError(body, 'invalid_request', 900023);
    }
  });

  it('never reflects markup: the error page shows only catalog text', async () => {
    const response = await fetch(`${url}/error?code=90002`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /AADSTS90002/);
    const unknown = await fetch(`${url}/error?code=<script>`);
    assert.equal(unknown.status, 404);
    assert.doesNotMatch(await unknown.text(), /<script>/);
  });
});

describe('JWKS', () => {
  it('publishes RSA keys whose kid and x5t are the SHA-1 thumbprint of x5c[0]', async () => {
    const { status, headers, body } = await getJson(`${url}/${TENANT}/discovery/v2.0/keys`);
    assert.equal(status, 200);
    assert.equal(headers.get('access-control-allow-origin'), '*');
    const keys = body.keys as Array<Record<string, unknown>>;
    assert.ok(keys.length >= 2, 'the next key is published before it signs');
    for (const key of keys) {
      assert.equal(key.kty, 'RSA');
      assert.equal(key.use, 'sig');
      assert.equal(key.e, 'AQAB');
      const der = Buffer.from((key.x5c as string[])[0] as string, 'base64');
      const thumbprint = createHash('sha1').update(der).digest('base64url');
      assert.equal(key.kid, thumbprint);
      assert.equal(key.x5t, thumbprint);
      const cert = new X509Certificate(der);
      const jwk = cert.publicKey.export({ format: 'jwk' });
      assert.equal(jwk.n, key.n);
      assert.equal(key.issuer, `${url}/{tenantid}/v2.0`);
    }
  });

  it('serves the v1 key set without issuer at /common/discovery/keys and /{tenant}/discovery/keys', async () => {
    for (const segment of ['common', TENANT]) {
      const { status, body } = await getJson(`${url}/${segment}/discovery/keys`);
      assert.equal(status, 200);
      for (const key of body.keys as Array<Record<string, unknown>>) assert.equal(key.issuer, undefined);
    }
  });
});

describe('instance discovery', () => {
  it('names only this host and mirrors the tenant segment', async () => {
    const endpoint = encodeURIComponent(`${url}/${TENANT}/oauth2/v2.0/authorize`);
    const { status, body } = await getJson(`${url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`);
    assert.equal(status, 200);
    const host = new URL(url).host;
    assert.equal(body.tenant_discovery_endpoint, `${url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(body['api-version'], '1.1');
    assert.deepEqual(body.metadata, [{ preferred_network: host, preferred_cache: host, aliases: [host] }]);
  });

  it('refuses another authority host with invalid_instance', async () => {
    const endpoint = encodeURIComponent('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    const { status, body } = await getJson(`${url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`);
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_instance');
    assert.deepEqual(body.error_codes, [50049]);
  });
});
