/**
 * Client assertions crafted to get around signature checks (protocol.md §4.2): `alg: none`,
 * HS256 keyed with the registered certificate's public key, algorithms outside RS256/PS256,
 * a foreign `x5c` next to a registered thumbprint, on both token endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { assertionForm, clientAssertion, hs256WithCertificate, unsignedAssertion } from '../../fixtures/certs/assertion.js';
import { createCertificates, DAEMON, environment, TENANT_A, type Certificates } from '../client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
});
after(() => tessera.close());

const endpoints = (): Array<{ url: string; form: Record<string, string> }> => [
  { url: `${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, form: { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' } },
  { url: `${tessera.url}/${TENANT_A}/oauth2/token`, form: { grant_type: 'client_credentials', resource: 'https://graph.microsoft.com' } },
];

async function refused700027(build: (aud: string) => Promise<string> | string): Promise<void> {
  for (const { url, form } of endpoints()) {
    const response = await postForm(url, { ...form, client_id: DAEMON, ...assertionForm(await build(url)) });
    assert.equal(response.status, 401, `${url}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error, 'invalid_client');
    assert.deepEqual(response.body.error_codes, [700027]);
    assert.equal(response.body.access_token, undefined);
  }
}

describe('assertion forgery', () => {
  it('accepts a genuine assertion on both endpoints (aud = the endpoint called)', async () => {
    for (const { url, form } of endpoints()) {
      const response = await postForm(url, { ...form, ...assertionForm(await clientAssertion({ clientId: DAEMON, aud: url, certificate: certs.current })) });
      assert.equal(response.status, 200, `${url}: ${JSON.stringify(response.body)}`);
    }
  });

  it('refuses alg none', async () => {
    await refused700027((aud) => unsignedAssertion({ clientId: DAEMON, aud, certificate: certs.current }));
  });

  it('refuses HS256 signed with the certificate public key', async () => {
    await refused700027((aud) => hs256WithCertificate({ clientId: DAEMON, aud, certificate: certs.current }));
  });

  it('refuses a foreign x5c next to a registered thumbprint', async () => {
    await refused700027((aud) => clientAssertion({ clientId: DAEMON, aud, certificate: certs.current, signWith: certs.stranger, header: { x5c: [certs.stranger.certificateBase64] } }));
  });

  it('refuses an assertion without any thumbprint header', async () => {
    await refused700027((aud) => clientAssertion({ clientId: DAEMON, aud, certificate: certs.current, thumbprint: 'none' }));
  });
});
