// @azure/identity and the Microsoft Graph JS SDK: list the tenant's users.
// Run: NODE_EXTRA_CA_CERTS=$PWD/.tessera/ca.pem node examples/azure-identity-graph.mjs
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { daemon, demo, tenant } from './demo.mjs';

const credential = new ClientSecretCredential(tenant.id, daemon.appId, daemon.secret, {
  authorityHost: demo.url, // https://localhost:8443
  disableInstanceDiscovery: true, // on every credential: there is no environment variable for it
});
const graph = Client.initWithMiddleware({
  baseUrl: new URL(demo.url).origin, // Graph lives at the host root
  customHosts: new Set([new URL(demo.url).hostname]), // the bare host name, or the SDK sends no token
  authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
});
const users = await graph.api('/users').select('displayName,userPrincipalName').get();
console.log(`Graph SDK: ${users.value.length} users: ${users.value.map((u) => u.userPrincipalName).join(', ')}`);
