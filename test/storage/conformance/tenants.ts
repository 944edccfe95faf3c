/** Tenants, domains, the Graph service principal, the consumers tenant. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CONSUMERS_TENANT_ID, GRAPH_APP_ID } from '../../../src/directory/index.js';
import { directoryOf, freshTenant, initialDomain, label, rejectsWith, type Suite } from './suite.js';

export function tenantCases(suite: Suite): void {
  describe('tenants', () => {
    it('creates a tenant with lower-cased initial domain as default, custom domains and the Graph SP', async () => {
      const directory = directoryOf(suite);
      const name = label('Fabrikam');
      const custom = `${label('fab')}.Example.COM`;
      const tenant = await directory.createTenant({ displayName: 'Fabrikam', initialDomain: name, customDomains: [custom], countryLetterCode: 'DE' });
      assert.equal(tenant.kind, 'organization');
      assert.equal(tenant.countryLetterCode, 'DE');
      assert.deepEqual(tenant.domains, [
        { name: `${name.toLowerCase()}.onmicrosoft.com`, isInitial: true, isDefault: true, isVerified: true },
        { name: custom.toLowerCase(), isInitial: false, isDefault: false, isVerified: true },
      ]);
      const graph = await directory.getServicePrincipalByAppId(tenant.id, GRAPH_APP_ID);
      assert.ok(graph);
      assert.equal(graph.displayName, 'Microsoft Graph');
      assert.equal(graph.applicationId, null);
      assert.equal(graph.accessTokenVersion, 1);
      assert.ok(graph.servicePrincipalNames.includes('https://graph.microsoft.com'));
      assert.ok(graph.appRoles.some((r) => r.id === 'df021288-bdef-4463-88db-98f22de89214' && r.value === 'User.Read.All'));
      assert.ok(graph.oauth2PermissionScopes.some((s) => s.id === 'e1fe6dd8-ba31-4d61-89e7-88639da4683d' && s.type === 'User'));
    });

    it('resolves verified domains case-insensitively and only to their tenant', async () => {
      const directory = directoryOf(suite);
      const custom = `${label('corp')}.example.org`;
      const tenant = await freshTenant(directory, [custom]);
      assert.equal((await directory.findTenantByDomain(initialDomain(tenant).toUpperCase()))?.id, tenant.id);
      assert.equal((await directory.findTenantByDomain(` ${custom.toUpperCase()} `))?.id, tenant.id);
      assert.equal(await directory.findTenantByDomain(`${label('nobody')}.example.org`), undefined);
      assert.equal((await directory.getTenant(tenant.id.toUpperCase()))?.id, tenant.id);
      assert.equal(await directory.getTenant('not-a-guid'), undefined);
    });

    it('refuses a domain that another tenant owns (ConflictError) and writes nothing', async () => {
      const directory = directoryOf(suite);
      const first = await freshTenant(directory);
      const id = randomUUID();
      await rejectsWith(
        directory.createTenant({ id, displayName: 'Dup', initialDomain: label('dup'), customDomains: [initialDomain(first)] }),
        'Conflict',
        'DomainConflict',
      );
      assert.equal(await directory.getTenant(id), undefined);
    });

    it('rejects an invalid domain name', async () => {
      await rejectsWith(directoryOf(suite).createTenant({ displayName: 'Bad', initialDomain: 'bad domain!' }), 'Validation', 'InvalidDomainName');
    });

    it('ensureConsumersTenant is idempotent and keeps one Graph SP', async () => {
      const directory = directoryOf(suite);
      const a = await directory.ensureConsumersTenant();
      const b = await directory.ensureConsumersTenant();
      assert.equal(a.id, CONSUMERS_TENANT_ID);
      assert.equal(b.id, CONSUMERS_TENANT_ID);
      assert.equal(a.kind, 'consumers');
      assert.equal(a.displayName, 'Microsoft Accounts');
      const sps = await directory.listServicePrincipals(CONSUMERS_TENANT_ID);
      assert.equal(sps.filter((s) => s.appId === GRAPH_APP_ID).length, 1);
    });

    it('lists tenants including new ones', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const ids = (await directory.listTenants()).map((t) => t.id);
      assert.ok(ids.includes(tenant.id));
      assert.ok(ids.includes(CONSUMERS_TENANT_ID));
    });

    it('serves cached tenants frozen, and sees writes made through the directory', async () => {
      const directory = directoryOf(suite);
      const tenant = await freshTenant(directory);
      const cached = await directory.getTenant(tenant.id);
      assert.ok(cached);
      assert.ok(Object.isFrozen(cached) && Object.isFrozen(cached.domains));
      assert.throws(() => (cached.domains as unknown[]).push('x'), TypeError);
    });
  });
}
