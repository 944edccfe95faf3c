/** `tessera tenants list|create|set`. */
import type { Command } from 'commander';
import { isGuid } from '../../lib/ids.js';
import { UsageError } from '../errors.js';
import { printJson, printTable } from '../output.js';
import { collect, initialDomain, resolveTenant, withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

/** protocol.md §14.3: the tenant's user-consent setting (directory/consent-policy.ts). */
const USER_CONSENT = ['allowed', 'notAllowed', 'lowRisk'] as const;

/** Registers `tenants` on the program. */
export function registerTenants(program: Command): void {
  const tenants = program.command('tenants').description('tenants (directories)');
  withStoreOptions(tenants.command('list').description('list tenants'))
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { json?: boolean }) => {
      await withAdmin(options, async ({ directory }) => {
        const list = await directory.listTenants();
        if (options.json) return printJson(list);
        printTable(
          ['id', 'kind', 'initial domain', 'display name', 'other domains'],
          list.map((t) => [t.id, t.kind, initialDomain(t), t.displayName, t.domains.filter((d) => !d.isInitial).map((d) => d.name).join(',') || null]),
        );
      });
    });
  withStoreOptions(
    tenants
      .command('create')
      .description('create an organization tenant')
      .argument('<domain>', 'initial domain: contoso or contoso.onmicrosoft.com'),
  )
    .option('--name <displayName>', 'display name (default: the domain label)')
    .option('--id <guid>', 'tenant id (default: generated)')
    .option('--domain <domain>', 'an additional verified domain (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(async (domain: string, options: StoreOptions & { name?: string; id?: string; domain?: string[]; json?: boolean }) => {
      if (options.id !== undefined && !isGuid(options.id)) throw new UsageError(`--id: '${options.id}' is not a GUID`);
      await withAdmin(options, async ({ directory }) => {
        const tenant = await directory.createTenant({
          id: options.id,
          displayName: options.name ?? domain.split('.')[0] ?? domain,
          initialDomain: domain,
          customDomains: options.domain ?? [],
        });
        if (options.json) return printJson(tenant);
        console.log(`Created tenant ${tenant.displayName}: ${tenant.id} (${initialDomain(tenant)})`);
      });
    });
  withStoreOptions(tenants.command('set').description('change tenant settings').argument('<tenant>', 'tenant id, domain or name'))
    .requiredOption('--user-consent <policy>', `whether users may consent to apps themselves: ${USER_CONSENT.join(', ')} (lowRisk: only permissions marked low-risk)`)
    .action(async (tenantRef: string, options: StoreOptions & { userConsent: string }) => {
      const policy = USER_CONSENT.find((p) => p.toLowerCase() === options.userConsent.toLowerCase());
      if (policy === undefined) throw new UsageError(`--user-consent: '${options.userConsent}' is not one of ${USER_CONSENT.join(', ')}`);
      await withAdmin(options, async ({ directory }) => {
        const tenant = await resolveTenant(directory, tenantRef);
        await directory.setUserConsentPolicy(tenant.id, policy);
        console.log(`Tenant ${tenant.displayName} (${tenant.id}): user consent ${policy}`);
      });
    });
}
