/**
 * End to end with the unmodified Graph JS SDK over @azure/identity (spec/clients.md "How each
 * client is pointed at Tessera"): `ClientSecretCredential` with `authorityHost` and
 * `disableInstanceDiscovery`, `Client.initWithMiddleware` with our `baseUrl` and `customHosts`.
 * Reads scenario 001's user and pages `/users` with `PageIterator`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ClientSecretCredential } from '@azure/identity';
import { Client, GraphError, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { APPS, CHRIS, CONTOSO, CONTOSO_USER_COUNT, FABRIKAM_USER, SECRET } from '../graph.config.js';
import { bootGraphTessera, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;
let client: Client;

function graphClient(clientId: string): Client {
  const credential = new ClientSecretCredential(CONTOSO, clientId, SECRET, { authorityHost: tessera.url, disableInstanceDiscovery: true });
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] });
  return Client.initWithMiddleware({ authProvider, baseUrl: tessera.url, customHosts: new Set([new URL(tessera.url).hostname]) });
}

before(async () => {
  tessera = await bootGraphTessera();
  client = graphClient(APPS.reader);
});
after(() => tessera.close());

describe('Graph JS SDK against Tessera', () => {
  it("reads /users/{id} with scenario 001's response shape", async () => {
    const user = (await client.api(`/users/${CHRIS}`).get()) as Record<string, unknown>;
    assert.deepEqual(user, {
      '@odata.context': `${tessera.url}/v1.0/$metadata#users/$entity`,
      id: CHRIS,
      businessPhones: ['+1 555555555'],
      displayName: 'Chris Green',
      givenName: 'Chris',
      jobTitle: 'Software Engineer',
      mail: null,
      mobilePhone: '+1 5555555555',
      officeLocation: 'Seattle Office',
      preferredLanguage: null,
      surname: 'Green',
      userPrincipalName: 'ChrisG@contoso.onmicrosoft.com',
    });
  });

  it('pages /users with PageIterator through our nextLinks: every user once', async () => {
    const ids: string[] = [];
    const first = (await client.api('/users').top(2).select(['id', 'displayName']).get()) as PageCollection;
    assert.ok(first['@odata.nextLink']?.startsWith(`${tessera.url}/v1.0/users?`));
    const iterator = new PageIterator(client, first, (user: { id: string; displayName: string }) => {
      assert.deepEqual(Object.keys(user), ['id', 'displayName']);
      ids.push(user.id);
      return true;
    });
    await iterator.iterate();
    assert.equal(ids.length, CONTOSO_USER_COUNT);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(iterator.isComplete());
  });

  it('counts with the ConsistencyLevel header and filters', async () => {
    const page = (await client.api('/users').header('ConsistencyLevel', 'eventual').count(true).filter("startswith(displayName,'Al')").select('displayName').get()) as PageCollection;
    assert.equal(page['@odata.count'], 2);
    assert.deepEqual(page.value.map((u: { displayName: string }) => u.displayName).sort(), ['Alan Turing', 'Alice Adams']);
  });

  it("surfaces Graph's errors as GraphError with code, status and request id", async () => {
    const notFound = await client.api(`/users/${FABRIKAM_USER}`).get().then(() => null, (e: unknown) => e);
    assert.ok(notFound instanceof GraphError, String(notFound));
    assert.equal(notFound.statusCode, 404);
    assert.equal(notFound.code, 'Request_ResourceNotFound');
    assert.match(notFound.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(notFound.date instanceof Date && !Number.isNaN(notFound.date.getTime()));

    const denied = await graphClient(APPS.none).api('/users').get().then(() => null, (e: unknown) => e);
    assert.ok(denied instanceof GraphError);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.code, 'Authorization_RequestDenied');

    const me = await client.api('/me').get().then(() => null, (e: unknown) => e);
    assert.ok(me instanceof GraphError);
    assert.equal(me.statusCode, 400);
    assert.equal(me.message, '/me request is only valid with delegated authentication flow.');
  });
});
