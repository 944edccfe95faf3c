// msal-node, client credentials with a secret (README "Pointing clients at Tessera").
// Run: npm start (another terminal), then
//   NODE_EXTRA_CA_CERTS=$PWD/.tessera/ca.pem node examples/msal-node-secret.mjs
import { ConfidentialClientApplication } from '@azure/msal-node';
import { daemon, tenant } from './demo.mjs';

const cca = new ConfidentialClientApplication({
  auth: {
    clientId: daemon.appId,
    authority: tenant.authority, // https://localhost:8443/<tenant id>
    knownAuthorities: [new URL(tenant.authority).host], // 'localhost:8443': no instance discovery at Microsoft
    clientSecret: daemon.secret,
  },
});
const { accessToken } = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
console.log(`msal-node (secret): token for ${claims.aud} with roles ${claims.roles.join(' ')}`);
