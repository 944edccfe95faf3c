/**
 * msal-node 7, unmodified, against the real server (spec/clients.md): client credentials with a
 * secret, with a certificate by SHA-1 thumbprint (RS256 + x5t) and by SHA-256 thumbprint
 * (PS256 + x5t#S256). Configured only with `authority` and `knownAuthorities` (host:port).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, ORDERS_URI, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
});
after(() => tessera.close());

function app(credential: Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'>): ConfidentialClientApplication {
  const host = new URL(tessera.url).host;
  return new ConfidentialClientApplication({ auth: { clientId: DAEMON, authority: `${tessera.url}/${TENANT_A}`, knownAuthorities: [host], ...credential } });
}

describe('msal-node acquireTokenByClientCredential', () => {
  it('with a client secret', async () => {
    const result = await app({ clientSecret: DAEMON_SECRET }).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    assert.ok(result);
    assert.equal(result.tokenType, 'Bearer');
    const claims = decodeJwt(result.accessToken);
    assert.equal(claims.appid, DAEMON);
    assert.equal(claims.appidacr, '1');
    assert.equal(claims.tid, TENANT_A);
    assert.deepEqual(claims.roles, ['User.Read.All']);
    assert.ok(result.expiresOn && result.expiresOn.getTime() > Date.now() + 3500_000);
  });

  it('with a certificate by SHA-1 thumbprint (RS256, x5t)', async () => {
    const client = app({ clientCertificate: { thumbprint: certs.current.sha1Hex, privateKey: certs.current.privateKeyPem } });
    const result = await client.acquireTokenByClientCredential({ scopes: [`${ORDERS_URI}/.default`] });
    assert.ok(result);
    const claims = decodeJwt(result.accessToken);
    assert.equal(claims.appidacr, '2');
    assert.equal(claims.aud, ORDERS_URI);
    // msal re-sends its cached assertion (same jti) for another resource: accepted.
    const again = await client.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'], skipCache: true });
    assert.equal(decodeJwt(again?.accessToken ?? '').appidacr, '2');
  });

  it('with a certificate by SHA-256 thumbprint (PS256, x5t#S256) and its x5c', async () => {
    const client = app({ clientCertificate: { thumbprintSha256: certs.current.sha256Hex, privateKey: certs.current.privateKeyPem, x5c: certs.current.certificatePem } });
    const result = await client.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    assert.equal(decodeJwt(result?.accessToken ?? '').appidacr, '2');
  });

  it('surfaces a wrong secret as invalid_client with AADSTS7000215', async () => {
    await assert.rejects(app({ clientSecret: 'wrong' }).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }), (error: { errorCode?: string; errorMessage?: string }) => {
      assert.equal(error.errorCode, 'invalid_client');
      assert.match(error.errorMessage ?? '', /AADSTS7000215/);
      return true;
    });
  });
});
