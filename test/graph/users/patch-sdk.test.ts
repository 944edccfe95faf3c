/**
 * `PATCH /users/{id}` from the unmodified Graph JS SDK (spec/clients.md): `.patch(body)` resolves
 * on our 204, the change reads back, and a refusal surfaces as the SDK's GraphError.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ClientSecretCredential } from '@azure/identity';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { SECRET } from '../graph.config.js';
import { bootTesseraWith, type Tessera } from './patch-helpers.js';
import { CARA, DAEMONS, TENANT } from './patch.config.js';

let tessera: Tessera;

function graphClient(clientId: string): Client {
  const credential = new ClientSecretCredential(TENANT, clientId, SECRET, { authorityHost: tessera.url, disableInstanceDiscovery: true });
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] });
  return Client.initWithMiddleware({ authProvider, baseUrl: tessera.url, customHosts: new Set([new URL(tessera.url).hostname]) });
}

before(async () => {
  tessera = await bootTesseraWith();
});
after(() => tessera.close());

describe('Graph JS SDK: PATCH /users/{id}', () => {
  it('updates with User.ReadWrite.All and reads the change back', async () => {
    const client = graphClient(DAEMONS.writer);
    await client.api(`/users/${CARA}`).patch({ jobTitle: 'SDK Editor', businessPhones: ['+1 555 0177'] });
    const cara = (await client.api(`/users/${CARA}`).select(['jobTitle', 'businessPhones']).get()) as Record<string, unknown>;
    assert.equal(cara.jobTitle, 'SDK Editor');
    assert.deepEqual(cara.businessPhones, ['+1 555 0177']);
  });

  it('surfaces 403 and 400 as GraphError with their codes', async () => {
    const denied = await graphClient(DAEMONS.reader).api(`/users/${CARA}`).patch({ jobTitle: 'Nope' }).catch((e: unknown) => e);
    assert.ok(denied instanceof GraphError, String(denied));
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.code, 'Authorization_RequestDenied');
    const invalid = await graphClient(DAEMONS.writer).api(`/users/${CARA}`).patch({ id: CARA }).catch((e: unknown) => e);
    assert.ok(invalid instanceof GraphError, String(invalid));
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.code, 'Request_BadRequest');
  });
});
