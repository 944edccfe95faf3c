// msal-node, client credentials with a certificate (private_key_jwt, PS256 with x5t#S256).
// Run: NODE_EXTRA_CA_CERTS=$PWD/.tessera/ca.pem node examples/msal-node-certificate.mjs
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { daemon, tenant } from './demo.mjs';

const certificatePem = readFileSync(daemon.certificateFile, 'utf8');
const cca = new ConfidentialClientApplication({
  auth: {
    clientId: daemon.appId,
    authority: tenant.authority,
    knownAuthorities: [new URL(tenant.authority).host],
    clientCertificate: {
      thumbprintSha256: new X509Certificate(certificatePem).fingerprint256.replaceAll(':', ''),
      privateKey: readFileSync(daemon.privateKeyFile, 'utf8'),
      x5c: certificatePem,
    },
  },
});
const { accessToken } = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
console.log(`msal-node (certificate): token for ${claims.aud} with roles ${claims.roles.join(' ')}`);
