// A resource server validating Tessera's tokens with jose: keys from the discovery document's
// jwks_uri, iss checked against its issuer, aud against the API (here Microsoft Graph's app id,
// the `aud` of v1 Graph tokens). Run: NODE_EXTRA_CA_CERTS=$PWD/.tessera/ca.pem node examples/resource-server-jose.mjs
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { daemon, tenant } from './demo.mjs';

// A token to check: the daemon's, for Graph (any client would do).
const response = await fetch(`${tenant.authority}/oauth2/v2.0/token`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: daemon.appId, client_secret: daemon.secret, scope: 'https://graph.microsoft.com/.default' }),
});
const { access_token: token } = await response.json();

// Graph tokens are v1 (`ver: "1.0"`): the v1 document (no /v2.0) gives their issuer.
const metadata = await (await fetch(`${tenant.authority}/.well-known/openid-configuration`)).json();
const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
const { payload, protectedHeader } = await jwtVerify(token, jwks, {
  issuer: metadata.issuer,
  audience: 'https://graph.microsoft.com',
  algorithms: ['RS256'],
});
console.log(`jose: valid ${protectedHeader.alg} token (kid ${protectedHeader.kid}) from ${payload.iss} for app ${payload.appid}`);
