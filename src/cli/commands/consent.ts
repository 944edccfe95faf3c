/**
 * `tessera consent grant|revoke|list` (protocol.md §14): delegated permissions for one user or
 * the whole tenant, application permissions for the app, named as in environment files
 * (`--permission "Microsoft Graph:User.Read,Mail.Read"`). The implementation (../consent/) is
 * loaded when a command runs, so `--help` loads none of it.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { collect, resolveTenant, withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

interface ChangeOptions extends StoreOptions {
  tenant?: string;
  user?: string;
  permission?: string[];
  applicationPermission?: string[];
  all?: boolean;
  json?: boolean;
}

function withTargetOptions(command: Command): Command {
  return withStoreOptions(command)
    .option('--tenant <tenant>', 'tenant id, domain or name (default: the only tenant)')
    .option('--user <upn>', 'the user whose own consent this is (default: admin consent for every user of the tenant)')
    .option('--permission <resource:names>', 'delegated permissions, e.g. "Microsoft Graph:User.Read,Mail.Read" (repeatable)', collect)
    .option('--application-permission <resource:names>', 'application permissions (app roles), e.g. "Microsoft Graph:User.Read.All" (repeatable)', collect)
    .option('--json', 'print JSON');
}

/** Registers `consent` on the program. */
export function registerConsent(program: Command): void {
  const consent = program.command('consent').description('consent: delegated permission grants and application permissions of apps');
  withTargetOptions(consent.command('grant').description('grant permissions to an app (without permission options: what it requires)').argument('<app>', 'appId, object id or displayName'))
    .action(async (app: string, options: ChangeOptions) => {
      await withAdmin(options, async ({ directory }) => {
        const [{ resolveTarget }, { grantConsent }, { printChange }] = await Promise.all([import('../consent/targets.js'), import('../consent/grant.js'), import('../consent/change.js')]);
        const change = await grantConsent(directory, await resolveTarget(directory, app, options));
        printChange(change, 'Granted', options.json, (who) => `Nothing to grant: ${who} requires no permissions (its service principal is in the tenant); name them with --permission or --application-permission.`);
      });
    });
  withTargetOptions(consent.command('revoke').description('take permissions back from an app; tokens already issued stay valid until they expire').argument('<app>', 'appId, object id or displayName'))
    .option('--all', 'every permission the app holds in the tenant (with --user: every grant of that user)')
    .action(async (app: string, options: ChangeOptions) => {
      const named = (options.permission?.length ?? 0) + (options.applicationPermission?.length ?? 0) > 0;
      if (options.all && named) throw new UsageError('--all: give either --all or permissions to revoke, not both');
      if (!options.all && !named) throw new UsageError('name what to revoke with --permission or --application-permission, or give --all');
      await withAdmin(options, async ({ directory }) => {
        const [{ resolveTarget }, { revokeConsent }, { printChange }] = await Promise.all([import('../consent/targets.js'), import('../consent/revoke.js'), import('../consent/change.js')]);
        const change = await revokeConsent(directory, await resolveTarget(directory, app, options), options.all === true);
        printChange(change, 'Revoked', options.json, (who) => `Nothing to revoke: ${who} holds none of these permissions.`);
      });
    });
  withStoreOptions(consent.command('list').description('list the delegated grants and application permissions in a tenant'))
    .option('--tenant <tenant>', 'tenant id, domain or name (default: the only tenant)')
    .option('--app <app>', 'only this client: appId, object id or displayName')
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { tenant?: string; app?: string; json?: boolean }) => {
      await withAdmin(options, async ({ directory }) => {
        const [{ resolveTarget }, { listConsent, printConsent }] = await Promise.all([import('../consent/targets.js'), import('../consent/list.js')]);
        const tenant = await resolveTenant(directory, options.tenant);
        const clientAppId = options.app === undefined ? null : (await resolveTarget(directory, options.app, { tenant: tenant.id })).app.appId;
        printConsent(await listConsent(directory, tenant, clientAppId), options.json);
      });
    });
}
