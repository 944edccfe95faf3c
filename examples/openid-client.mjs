// openid-client: discovery from the tenant GUID URL (the issuer must equal it), then client
// credentials. Run: NODE_EXTRA_CA_CERTS=$PWD/.tessera/ca.pem node examples/openid-client.mjs
import * as client from 'openid-client';
import { daemon, tenant } from './demo.mjs';

const config = await client.discovery(new URL(`${tenant.authority}/v2.0`), daemon.appId, daemon.secret);
const tokens = await client.clientCredentialsGrant(config, { scope: 'https://graph.microsoft.com/.default' });
console.log(`openid-client: issuer ${config.serverMetadata().issuer}, ${tokens.token_type} token for ${tokens.expires_in} s`);
