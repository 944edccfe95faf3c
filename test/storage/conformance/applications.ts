/** Applications, credentials, service principals per tenant, resource resolution. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRAPH_APP_ID, verifySecret } from '../../../src/directory/index.js';
import { TEST_CERTIFICATE_PEM, TEST_CERTIFICATE_SHA1_HEX } from '../fixtures/certificate.js';
import { allStoredText, directoryOf, freshTenant, label, rejectsWith, type Suite } from './suite.js';

export function applicationCases(suite: Suite): void {
  describe('applications', () => {
    it('creates an application with Graph defaults and its home service principal', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'Daemon' });
      assert.equal(app.tenantId, tenant.id);
      assert.equal(app.signInAudience, 'AzureADMyOrg');
      assert.deepEqual(app.identifierUris, []);
      assert.deepEqual(app.web, { redirectUris: [], homePageUrl: null, logoutUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false } });
      assert.deepEqual(app.spa, { redirectUris: [] });
      assert.equal(app.api.requestedAccessTokenVersion, null);
      assert.deepEqual(app.requiredResourceAccess, []);
      assert.deepEqual(await directory.getApplication(app.id), app);
      assert.deepEqual(await directory.getApplicationByAppId(app.appId.toUpperCase()), app);
      const sp = await directory.getServicePrincipalByAppId(tenant.id, app.appId);
      assert.equal(sp?.applicationId, app.id);
      assert.equal(sp?.appOwnerOrganizationId, tenant.id);
      assert.equal(sp?.accessTokenVersion, 1);
      assert.deepEqual((await directory.listApplications(tenant.id)).map((a) => a.id), [app.id]);
    });

    it('refuses a second application with the same appId, and the Graph appId', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'One' });
      await rejectsWith(directory.createApplication(tenant.id, { displayName: 'Two', appId: app.appId }), 'Conflict', 'AppIdConflict');
      await rejectsWith(directory.createApplication(tenant.id, { displayName: 'G', appId: GRAPH_APP_ID }), 'Conflict', 'AppIdConflict');
    });

    it('addPassword stores only a digest: the secret is in no column', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      const directory = directoryOf(suite, { now: () => now });
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'Secretive' });
      const { credential, secretText } = await directory.addPassword(app.id, { displayName: 'ci' });
      assert.match(secretText, /^[A-Za-z0-9~._-]{40,}$/);
      assert.equal(credential.hint, secretText.slice(0, 3));
      assert.equal(credential.startDateTime, '2026-03-01T10:00:00.000Z');
      assert.equal(credential.endDateTime, '2028-03-01T10:00:00.000Z');
      const given = await directory.addPassword(app.id, { secretText: 'given-secret-value-123' });
      for (const value of await allStoredText(suite.storage)) {
        assert.ok(!value.includes(secretText), 'generated secret stored in clear');
        assert.ok(!value.includes('given-secret-value-123'), 'given secret stored in clear');
      }
      const credentials = await directory.getClientCredentials(app.appId);
      assert.ok(credentials);
      assert.deepEqual(credentials.secrets.map((s) => s.keyId).sort(), [credential.keyId, given.credential.keyId].sort());
      const digest = credentials.secrets.find((s) => s.keyId === credential.keyId)?.secretHash ?? '';
      assert.equal(await verifySecret(secretText, digest), true);
      assert.equal(await verifySecret(`${secretText}x`, digest), false);
      // A given value is stored as a salted scrypt hash (lib/secret-hash.ts), a generated one as SHA-256.
      assert.match(digest, /^[A-Za-z0-9_-]{43}$/);
      const givenHash = credentials.secrets.find((s) => s.keyId === given.credential.keyId)?.secretHash ?? '';
      assert.match(givenHash, /^\$scrypt\$ln=14,r=8,p=1\$/);
      assert.equal(await verifySecret('given-secret-value-123', givenHash), true);
      assert.equal(await verifySecret('given-secret-value-124', givenHash), false);
      assert.deepEqual((await directory.getApplication(app.id))?.passwordCredentials.map((p) => p.hint).sort(), [credential.hint, 'giv'].sort());
    });

    it('getClientCredentials is cached but sees writes made through the directory', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'Hot' });
      assert.equal((await directory.getClientCredentials(app.appId))?.secrets.length, 0);
      await directory.addPassword(app.id, {});
      assert.equal((await directory.getClientCredentials(app.appId))?.secrets.length, 1);
      assert.equal(await directory.getClientCredentials('11111111-2222-3333-4444-555555555555'), undefined);
    });

    it('addKey stores DER and thumbprints; rejects what is not a certificate', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'Cert App' });
      const key = await directory.addKey(app.id, { certificate: TEST_CERTIFICATE_PEM, displayName: 'CN=tessera-test-client' });
      assert.equal(key.customKeyIdentifier, TEST_CERTIFICATE_SHA1_HEX);
      assert.equal(key.thumbprintSha1, Buffer.from(TEST_CERTIFICATE_SHA1_HEX, 'hex').toString('base64url'));
      assert.equal(key.usage, 'Verify');
      assert.equal(key.type, 'AsymmetricX509Cert');
      const credentials = await directory.getClientCredentials(app.appId);
      assert.deepEqual(credentials?.certificates, [key]);
      await rejectsWith(directory.addKey(app.id, { certificate: 'bm90IGEgY2VydA==' }), 'Validation', 'InvalidKeyCredential');
      await rejectsWith(directory.addKey('00000000-0000-0000-0000-0000000000aa', { certificate: TEST_CERTIFICATE_PEM }), 'NotFound', 'ApplicationNotFound');
    });

    it('adds federated identity credentials with the default audience; name and issuer+subject are unique', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const app = await directory.createApplication(tenant.id, { displayName: 'Workload' });
      const fic = await directory.addFederatedIdentityCredential(app.id, { name: 'github-main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:o/r:ref:refs/heads/main' });
      assert.deepEqual(fic.audiences, ['api://AzureADTokenExchange']);
      await rejectsWith(directory.addFederatedIdentityCredential(app.id, { name: 'github-main', issuer: 'https://x', subject: 'y' }), 'Conflict');
      await rejectsWith(directory.addFederatedIdentityCredential(app.id, { name: 'other', issuer: fic.issuer, subject: fic.subject }), 'Conflict');
      assert.deepEqual((await directory.getApplication(app.id))?.federatedIdentityCredentials, [fic]);
    });
  });

  describe('service principals', () => {
    it('exist in another tenant only after provisioning, and only for multi-tenant apps', async () => {
      const directory = directoryOf(suite);
      const home = await freshTenant(directory);
      const other = await freshTenant(directory);
      const multi = await directory.createApplication(home.id, { displayName: 'SaaS', signInAudience: 'AzureADMultipleOrgs' });
      const single = await directory.createApplication(home.id, { displayName: 'LOB' });
      assert.equal(await directory.getServicePrincipalByAppId(other.id, multi.appId), undefined);
      const sp = await directory.ensureServicePrincipal(other.id, multi.appId);
      assert.equal(sp.tenantId, other.id);
      assert.equal(sp.appOwnerOrganizationId, home.id);
      assert.equal((await directory.ensureServicePrincipal(other.id, multi.appId)).id, sp.id);
      assert.equal((await directory.getServicePrincipalByAppId(other.id, multi.appId))?.id, sp.id);
      await rejectsWith(directory.ensureServicePrincipal(other.id, single.appId), 'Validation', 'ApplicationNotAvailableInTenant');
      assert.equal(await directory.getServicePrincipal(other.id, (await directory.getServicePrincipalByAppId(home.id, single.appId))?.id ?? ''), undefined);
    });

    it('resolve resources by appId, exact identifier URI, or URI with one trailing slash difference', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const other = await freshTenant(directory);
      const uri = `api://${label('orders')}`;
      const api = await directory.createApplication(tenant.id, {
        displayName: 'Orders API',
        identifierUris: [uri, `https://${label('api')}.example.com/orders/`],
        api: { requestedAccessTokenVersion: 2 },
        appRoles: [{ id: '1b4f816e-5eaf-48b9-8613-7923830595ad', value: 'Orders.Read.All', displayName: 'Read orders', description: 'Read all orders', allowedMemberTypes: ['Application'], isEnabled: true }],
      });
      const byAppId = await directory.findResourceServicePrincipal(tenant.id, api.appId);
      assert.equal(byAppId?.appId, api.appId);
      assert.equal(byAppId?.accessTokenVersion, 2);
      assert.deepEqual(byAppId?.appRoles.map((r) => r.value), ['Orders.Read.All']);
      assert.deepEqual(byAppId?.servicePrincipalNames, [...api.identifierUris, api.appId]);
      assert.equal((await directory.findResourceServicePrincipal(tenant.id, uri))?.id, byAppId?.id);
      assert.equal((await directory.findResourceServicePrincipal(tenant.id, `${uri}/`))?.id, byAppId?.id);
      const slashUri = api.identifierUris[1] ?? '';
      assert.equal((await directory.findResourceServicePrincipal(tenant.id, slashUri.slice(0, -1)))?.id, byAppId?.id);
      assert.equal(await directory.findResourceServicePrincipal(tenant.id, `${uri}//`), undefined);
      assert.equal(await directory.findResourceServicePrincipal(tenant.id, uri.toUpperCase()), undefined);
      assert.equal(await directory.findResourceServicePrincipal(tenant.id, `${uri}x`), undefined);
      assert.equal(await directory.findResourceServicePrincipal(other.id, uri), undefined);
      const graph = await directory.findResourceServicePrincipal(tenant.id, 'https://graph.microsoft.com/');
      assert.equal(graph?.appId, GRAPH_APP_ID);
      assert.equal(graph?.tenantId, tenant.id);
      assert.equal((await directory.findResourceServicePrincipal(tenant.id, GRAPH_APP_ID))?.id, graph?.id);
    });
  });
}
