/**
 * @azure/identity 4, unmodified (spec/clients.md): ClientSecretCredential and
 * ClientCertificateCredential (its default SHA-256 thumbprint → PS256) with `authorityHost` and
 * `disableInstanceDiscovery: true`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, INVENTORY_API, INVENTORY_URI, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
});
after(() => tessera.close());

const options = () => ({ authorityHost: tessera.url, disableInstanceDiscovery: true });

describe('@azure/identity credentials', () => {
  it('ClientSecretCredential gets a Graph token', async () => {
    const credential = new ClientSecretCredential(TENANT_A, DAEMON, DAEMON_SECRET, options());
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    const claims = decodeJwt(token.token);
    assert.equal(claims.appid, DAEMON);
    assert.equal(claims.appidacr, '1');
    assert.ok(token.expiresOnTimestamp > Date.now() + 3500_000);
  });

  it('ClientCertificateCredential gets a v2 API token (PS256 assertion)', async () => {
    const credential = new ClientCertificateCredential(TENANT_A, DAEMON, { certificate: `${certs.current.privateKeyPem}${certs.current.certificatePem}` }, options());
    const token = await credential.getToken(`${INVENTORY_URI}/.default`);
    const claims = decodeJwt(token.token);
    assert.equal(claims.azp, DAEMON);
    assert.equal(claims.azpacr, '2');
    assert.equal(claims.aud, INVENTORY_API);
  });

  it('ClientCertificateCredential with sendCertificateChain (x5c)', async () => {
    const credential = new ClientCertificateCredential(TENANT_A, DAEMON, { certificate: `${certs.current.privateKeyPem}${certs.current.certificatePem}` }, { ...options(), sendCertificateChain: true });
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    assert.equal(decodeJwt(token.token).appidacr, '2');
  });

  it('an unregistered certificate is refused', async () => {
    const credential = new ClientCertificateCredential(TENANT_A, DAEMON, { certificate: `${certs.stranger.privateKeyPem}${certs.stranger.certificatePem}` }, options());
    await assert.rejects(credential.getToken('https://graph.microsoft.com/.default'), /AADSTS700027/);
  });
});
