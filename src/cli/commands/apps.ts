/**
 * `tessera apps add|list` and `apps secret add`. `apps add` goes through the environment engine,
 * so redirect URIs follow the same rules (protocol.md §15.4) and permission names resolve the
 * same way (`--permission "Microsoft Graph:User.Read.All"`) as in environment files.
 */
import type { Command } from 'commander';
import type { Directory } from '../../directory/directory.js';
import type { Application } from '../../directory/types.js';
import { EnvironmentError, formatPath } from '../../environment/errors.js';
import type { EnvironmentInput } from '../../environment/schema.js';
import { isGuid } from '../../lib/ids.js';
import { signInAudiences } from '../../model/directory-objects.js';
import { CliFailure, UsageError } from '../errors.js';
import { printJson, printTable } from '../output.js';
import { collect, initialDomain, parsePermissions, resolveTenant, withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

interface AddOptions extends StoreOptions {
  tenant?: string;
  appId?: string;
  audience?: string;
  webRedirectUri?: string[];
  logoutUrl?: string;
  homePageUrl?: string;
  spaRedirectUri?: string[];
  publicRedirectUri?: string[];
  identifierUri?: string[];
  permission?: string[];
  adminConsent?: boolean;
  secret?: boolean;
  publicClient?: boolean;
  json?: boolean;
}

/** Registers `apps` on the program. */
export function registerApps(program: Command): void {
  const apps = program.command('apps').description('application registrations');
  withStoreOptions(apps.command('add').description('register an application').argument('<displayName>', 'display name'))
    .option('--tenant <tenant>', 'home tenant id or domain (default: the only tenant)')
    .option('--app-id <guid>', 'client id (default: generated)')
    .option('--audience <signInAudience>', `one of ${signInAudiences.join(', ')} (default AzureADMyOrg)`)
    .option('--web-redirect-uri <uri>', 'web (confidential) redirect URI (repeatable)', collect)
    .option('--logout-url <url>', 'front-channel logout URL (web.logoutUrl; https, http only on localhost)')
    .option('--home-page-url <url>', 'home page (web.homePageUrl; http or https)')
    .option('--spa-redirect-uri <uri>', 'single-page-app redirect URI (repeatable)', collect)
    .option('--public-redirect-uri <uri>', 'public client (desktop/mobile) redirect URI (repeatable)', collect)
    .option('--public-client', 'allow public-client flows without a redirect URI (device code, ROPC)')
    .option('--identifier-uri <uri>', 'App ID URI, e.g. api://{appId} (repeatable)', collect)
    .option('--permission <resource:names>', 'required permission, e.g. "Microsoft Graph:User.Read.All" (repeatable)', collect)
    .option('--admin-consent', 'grant admin consent for the required permissions in the home tenant')
    .option('--secret', 'add a generated client secret and print it')
    .option('--json', 'print JSON')
    .action(async (displayName: string, options: AddOptions) => {
      if (options.appId !== undefined && !isGuid(options.appId)) throw new UsageError(`--app-id: '${options.appId}' is not a GUID`);
      const permissions = parsePermissions('--permission', options.permission ?? []);
      await withAdmin(options, async ({ directory }) => {
        const tenant = await resolveTenant(directory, options.tenant);
        const clash = options.appId ? await directory.getApplicationByAppId(options.appId) : (await directory.listApplications(tenant.id)).find((a) => a.displayName === displayName);
        if (clash) throw new CliFailure(`application '${clash.displayName}' (${clash.appId}) already exists`);
        const web = {
          ...(options.webRedirectUri ? { redirectUris: options.webRedirectUri } : {}),
          ...(options.logoutUrl !== undefined ? { logoutUrl: options.logoutUrl } : {}),
          ...(options.homePageUrl !== undefined ? { homePageUrl: options.homePageUrl } : {}),
        };
        const app = {
          displayName,
          ...(options.appId ? { appId: options.appId } : {}),
          ...(options.audience ? { signInAudience: options.audience } : {}),
          ...(Object.keys(web).length > 0 ? { web } : {}),
          ...(options.spaRedirectUri ? { spa: { redirectUris: options.spaRedirectUri } } : {}),
          ...(options.publicRedirectUri ? { publicClient: { redirectUris: options.publicRedirectUri } } : {}),
          ...(options.publicClient ? { isFallbackPublicClient: true } : {}),
          ...(options.identifierUri ? { identifierUris: options.identifierUri } : {}),
          ...(options.permission ? { requiredPermissions: permissions } : {}),
          ...(options.secret ? { secrets: [{ displayName: 'default' }] } : {}),
        };
        const environment = {
          tenants: [{ id: tenant.id, ...(tenant.kind === 'consumers' ? { kind: 'consumers' } : { domain: initialDomain(tenant) }), applications: [app], consent: options.adminConsent ? [{ application: displayName }] : [] }],
        } as EnvironmentInput;
        // Loaded on use: the engine is not needed by the other commands.
        const { applyEnvironment } = await import('../../environment/apply.js');
        const applied = await applyEnvironment(directory, environment, { source: 'apps add' }).catch(rephrase);
        const result = applied.applications[0];
        if (options.json) return printJson(result);
        console.log(`Registered ${displayName}: client id ${result?.appId} (object id ${result?.id}) in tenant ${tenant.id}`);
        if (result?.secret) console.log(`Client secret (shown once): ${result.secret}`);
        if (options.adminConsent) console.log('Admin consent granted for the required permissions.');
      });
    });
  withStoreOptions(apps.command('list').description('list the applications registered in a tenant'))
    .option('--tenant <tenant>', 'tenant id or domain (default: the only tenant)')
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { tenant?: string; json?: boolean }) => {
      await withAdmin(options, async ({ directory }) => {
        const list = await directory.listApplications((await resolveTenant(directory, options.tenant)).id);
        if (options.json) return printJson(list);
        printTable(
          ['appId', 'displayName', 'signInAudience', 'secrets', 'certificates', 'redirect URIs'],
          list.map((a) => [a.appId, a.displayName, a.signInAudience, a.passwordCredentials.length, a.keyCredentials.length, [...a.web.redirectUris, ...a.spa.redirectUris, ...a.publicClient.redirectUris].join(' ') || null]),
        );
      });
    });
  const secret = apps.command('secret').description('client secrets');
  withStoreOptions(secret.command('add').description('add a generated client secret to an application and print it once').argument('<app>', 'appId, object id or displayName'))
    .option('--tenant <tenant>', 'tenant of a displayName (default: the only tenant)')
    .option('--name <displayName>', 'secret display name')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: StoreOptions & { tenant?: string; name?: string; json?: boolean }) => {
      await withAdmin(options, async ({ directory }) => {
        const app = await findApp(directory, ref, options.tenant);
        const { credential, secretText } = await directory.addPassword(app.id, { displayName: options.name ?? null });
        if (options.json) return printJson({ ...credential, secretText });
        console.log(`Added secret ${credential.keyId} to ${app.displayName} (${app.appId}), valid until ${credential.endDateTime}.`);
        console.log(`Client secret (shown once): ${secretText}`);
      });
    });
}

async function findApp(directory: Directory, ref: string, tenantRef: string | undefined): Promise<Application> {
  const found = isGuid(ref)
    ? ((await directory.getApplicationByAppId(ref.toLowerCase())) ?? (await directory.getApplication(ref.toLowerCase())))
    : (await directory.listApplications((await resolveTenant(directory, tenantRef)).id)).find((a) => a.displayName === ref);
  if (found === undefined) throw new UsageError(`no application '${ref}'`);
  return found;
}

/** Engine paths → the command's own vocabulary (`web.redirectUris[0]` rather than `tenants[0]…`). */
function rephrase(error: unknown): never {
  if (!(error instanceof EnvironmentError)) throw error;
  const lines = error.issues.map((i) => {
    const rest = i.path.slice(i.path[2] === 'applications' ? 4 : 2);
    return `  ${formatPath(rest)}: ${i.message}`;
  });
  throw new UsageError(`cannot register the application:\n${lines.join('\n')}`);
}
