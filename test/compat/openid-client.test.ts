/**
 * openid-client 6, unmodified (spec/clients.md): discovery on the tenant GUID issuer, then client
 * credentials with client_secret_basic and with private_key_jwt (oauth4webapi sets `aud` = the
 * issuer; `kid` names the certificate, or `x5t#S256` added through modifyAssertion).
 */
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { pemToDer } from '../../src/lib/x509.js';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
});
after(() => tessera.close());

const issuer = () => new URL(`${tessera.url}/${TENANT_A}/v2.0`);
const scope = { scope: 'https://graph.microsoft.com/.default' };

function importKey(pem: string, algorithm: webcrypto.RsaHashedImportParams): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pemToDer(pem, 'PRIVATE KEY'), algorithm, false, ['sign']);
}

describe('openid-client clientCredentialsGrant', () => {
  it('client_secret_basic', async () => {
    const config = await client.discovery(issuer(), DAEMON, undefined, client.ClientSecretBasic(DAEMON_SECRET));
    assert.equal(config.serverMetadata().issuer, issuer().href);
    const tokens = await client.clientCredentialsGrant(config, scope);
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(decodeJwt(tokens.access_token).appidacr, '1');
  });

  it('private_key_jwt, RS256 with kid = the SHA-1 thumbprint, aud = issuer', async () => {
    const key = await importKey(certs.current.privateKeyPem, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    const config = await client.discovery(issuer(), DAEMON, undefined, client.PrivateKeyJwt({ key, kid: certs.current.x5t }));
    const tokens = await client.clientCredentialsGrant(config, scope);
    assert.equal(decodeJwt(tokens.access_token).appidacr, '2');
  });

  it('private_key_jwt, PS256 with x5t#S256', async () => {
    const key = await importKey(certs.current.privateKeyPem, { name: 'RSA-PSS', hash: 'SHA-256' });
    const auth = client.PrivateKeyJwt(key, {
      [client.modifyAssertion]: (header: Record<string, unknown>) => {
        header['x5t#S256'] = certs.current.x5tS256;
      },
    });
    const config = await client.discovery(issuer(), DAEMON, undefined, auth);
    const tokens = await client.clientCredentialsGrant(config, scope);
    assert.equal(decodeJwt(tokens.access_token).appidacr, '2');
  });
});
