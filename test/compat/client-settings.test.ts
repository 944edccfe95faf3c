/**
 * Issue 8 item 1: `startTessera().clients` makes each unmodified library trust the instance's
 * CA in-process. The instance serves from the per-user CA (scripts/test.ts points
 * TESSERA_CA_DIR at a directory of the run), which this test process does NOT trust through
 * NODE_EXTRA_CA_CERTS: a client without the settings fails the TLS handshake, as the first
 * test shows, so every success below is the settings' doing.
 */
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { startTessera, userCaDir, type TesseraInstance } from '../../src/index.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';
let tessera: TesseraInstance;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await startTessera({ environment: environment(certs) });
});
after(() => tessera.close());

describe('client settings of startTessera', () => {
  it('serve from the per-user CA, which this process does not trust otherwise', async () => {
    assert.equal(tessera.caFile, `${userCaDir()}/ca.pem`);
    await assert.rejects(fetch(`${tessera.url}/health`), (error: Error) => /certificate/i.test(String((error.cause as Error | undefined)?.message ?? error.message)));
  });

  it('msal-node: clients.msal(auth) gets a Graph token', async () => {
    const cca = new ConfidentialClientApplication(tessera.clients.msal({ clientId: DAEMON, clientSecret: DAEMON_SECRET, authority: tessera.authority(TENANT_A) }));
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    assert.equal(decodeJwt(result?.accessToken ?? '').appid, DAEMON);
  });

  it('msal-node: other configuration given to clients.msal is kept', async () => {
    const logged: string[] = [];
    const config = tessera.clients.msal(
      { clientId: DAEMON, clientSecret: DAEMON_SECRET, authority: tessera.authority(TENANT_A) },
      { system: { loggerOptions: { loggerCallback: (_level: number, message: string) => logged.push(message), piiLoggingEnabled: false, logLevel: 3 } } },
    );
    assert.deepEqual(config.auth.knownAuthorities, [new URL(tessera.url).host]);
    await new ConfidentialClientApplication(config).acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    assert.ok(logged.length > 0, 'the caller\'s logger still runs');
  });

  it('@azure/identity: clients.identity serves secret and certificate credentials', async () => {
    const secret = new ClientSecretCredential(TENANT_A, DAEMON, DAEMON_SECRET, tessera.clients.identity);
    assert.equal(decodeJwt((await secret.getToken(GRAPH_DEFAULT)).token).appidacr, '1');
    const certificate = new ClientCertificateCredential(TENANT_A, DAEMON, { certificate: `${certs.current.privateKeyPem}${certs.current.certificatePem}` }, tessera.clients.identity);
    assert.equal(decodeJwt((await certificate.getToken(GRAPH_DEFAULT)).token).appidacr, '2');
  });

  it('the Graph SDK: clients.graph reads /users with a TokenCredential provider', async () => {
    const credential = new ClientSecretCredential(TENANT_A, DAEMON, DAEMON_SECRET, tessera.clients.identity);
    const graph = Client.initWithMiddleware({ ...tessera.clients.graph, authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_DEFAULT] }) });
    const users = (await graph.api('/users').select('id').get()) as { '@odata.context': string; value: unknown[] };
    assert.equal(users['@odata.context'], `${new URL(tessera.url).origin}/v1.0/$metadata#users(id)`);
    assert.ok(Array.isArray(users.value));
  });

  it('openid-client: clients.fetch as customFetch, for discovery and the grant', async () => {
    const config = await oidc.discovery(new URL(`${tessera.url}/${TENANT_A}/v2.0`), DAEMON, DAEMON_SECRET, undefined, { [oidc.customFetch]: tessera.clients.fetch });
    config[oidc.customFetch] = tessera.clients.fetch;
    const tokens = await oidc.clientCredentialsGrant(config, { scope: GRAPH_DEFAULT });
    assert.equal(decodeJwt(tokens.access_token).appid, DAEMON);
  });

  it('plain fetch with clients.dispatcher, and node:https with clients.agent', async () => {
    const response = await tessera.clients.fetch(`${tessera.url}/health`);
    assert.equal(response.status, 200);
    const viaDispatcher = await fetch(`${tessera.url}/health`, { dispatcher: tessera.clients.dispatcher } as RequestInit);
    assert.equal(viaDispatcher.status, 200);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${tessera.url}/health`, { agent: tessera.clients.agent }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
  });
});
