// Tessera inside your own test suite (README "In your own test suite"): a real HTTPS server on
// a random port over an in-memory database, built from an environment object (or file), and
// client settings that make each library trust Tessera's CA in this process — no
// NODE_EXTRA_CA_CERTS, no TLS checks turned off. Run: node --test examples/in-process.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import { startTessera } from 'tessera';

let tessera;
before(async () => {
  tessera = await startTessera({
    environment: {
      tenants: [
        {
          domain: 'contoso', // contoso.onmicrosoft.com
          users: [{ userPrincipalName: 'alice', displayName: 'Alice', password: 'Alice-Pass-1!' }],
          applications: [
            {
              displayName: 'Nightly Job',
              secrets: [{ value: 'nightly-job-secret-0001' }],
              requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] },
            },
          ],
          consent: [{ application: 'Nightly Job' }], // admin consent of what it requires
        },
      ],
    },
  });
});
after(() => tessera.close());

test('a daemon gets a token and reads the users', async () => {
  const job = tessera.applications.find((a) => a.displayName === 'Nightly Job');
  // msal-node: authority, knownAuthorities and a network client that trusts the CA.
  const cca = new ConfidentialClientApplication(tessera.clients.msal({ clientId: job.appId, clientSecret: 'nightly-job-secret-0001' }));
  const { accessToken } = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });

  // The Graph SDK: baseUrl, customHosts and a dispatcher that trusts the CA.
  const graph = Client.init({ ...tessera.clients.graph, authProvider: (done) => done(null, accessToken) });
  const users = await graph.api('/users').get();
  assert.deepEqual(users.value.map((u) => u.userPrincipalName), ['alice@contoso.onmicrosoft.com']);
});
