/** `tessera users add|list|revoke-sessions`. */
import type { Command } from 'commander';
import { isGuid } from '../../lib/ids.js';
import { roleName, roleTemplateId } from '../../environment/role-templates.js';
import { UsageError } from '../errors.js';
import { printJson, printTable } from '../output.js';
import { collect, initialDomain, resolveTenant, withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

interface AddOptions extends StoreOptions {
  tenant?: string;
  password?: string;
  name?: string;
  role?: string[];
  mfa?: boolean;
  totpSecret?: string;
  id?: string;
  json?: boolean;
}

/** Registers `users` on the program. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('users of a tenant');
  withStoreOptions(
    users
      .command('add')
      .description('add a user')
      .argument('<userPrincipalName>', 'alice@contoso.onmicrosoft.com, or alice for the tenant\'s initial domain'),
  )
    .option('--tenant <tenant>', 'tenant id or domain (default: the only tenant)')
    .option('--password <password>', 'password (none: the user cannot sign in with a password)')
    .option('--name <displayName>', 'display name (default: the UPN\'s alias)')
    .option('--role <role>', 'directory role name or template id, e.g. "Global Administrator" (repeatable)', collect)
    .option('--mfa', 'require a second factor at sign-in')
    .option('--totp-secret <base32>', 'register this TOTP secret as the second factor (implies --mfa)')
    .option('--id <guid>', 'object id (default: generated)')
    .option('--json', 'print JSON')
    .action(async (upnArg: string, options: AddOptions) => {
      if (options.id !== undefined && !isGuid(options.id)) throw new UsageError(`--id: '${options.id}' is not a GUID`);
      const roles = (options.role ?? []).map((r) => roleTemplateId(r) ?? fail(`--role: unknown directory role '${r}'`));
      if (options.totpSecret !== undefined && !/^[A-Z2-7]{16,128}=*$/i.test(options.totpSecret)) fail('--totp-secret: must be base32, at least 16 characters');
      await withAdmin(options, async ({ directory }) => {
        const tenant = await resolveTenant(directory, options.tenant);
        const domain = initialDomain(tenant);
        const upn = upnArg.includes('@') || domain === null ? upnArg : `${upnArg}@${domain}`;
        const user = await directory.createUser(tenant.id, {
          id: options.id,
          userPrincipalName: upn,
          displayName: options.name ?? upn.split('@')[0] ?? upn,
          password: options.password ?? null,
          directoryRoles: roles,
          mfa: { required: options.mfa === true || options.totpSecret !== undefined, totpSecret: options.totpSecret?.toUpperCase() ?? null },
        });
        if (options.json) return printJson(user);
        console.log(`Created user ${user.userPrincipalName}: ${user.id} in tenant ${tenant.id}`);
      });
    });
  withStoreOptions(users.command('list').description('list the users of a tenant'))
    .option('--tenant <tenant>', 'tenant id or domain (default: the only tenant)')
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { tenant?: string; json?: boolean }) => {
      await withAdmin(options, async ({ directory }) => {
        const tenant = await resolveTenant(directory, options.tenant);
        const all = [];
        let cursor: string | null = null;
        do {
          const page = await directory.listUsers(tenant.id, { top: 999, cursor });
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null);
        if (options.json) return printJson(all);
        printTable(
          ['id', 'userPrincipalName', 'displayName', 'roles', 'mfa', 'enabled'],
          all.map((u) => [u.id, u.userPrincipalName, u.displayName, u.directoryRoles.map(roleName).join(', ') || null, u.mfa.required ? 'required' : null, u.accountEnabled ? 'yes' : 'no']),
        );
      });
    });
  // Graph's user: revokeSignInSessions (tokens.md §10.2): every refresh token, SSO session and
  // unredeemed code of the user ends now; refresh then answers AADSTS50173.
  withStoreOptions(
    users
      .command('revoke-sessions')
      .description('revoke every refresh token and sign-in session of a user (Graph revokeSignInSessions)')
      .argument('<tenant>', 'tenant id or domain')
      .argument('<user>', 'user object id or userPrincipalName'),
  )
    .option('--json', 'print JSON')
    .action(async (tenantRef: string, userRef: string, options: StoreOptions & { json?: boolean }) => {
      await withAdmin(options, async ({ directory, storage }) => {
        const tenant = await resolveTenant(directory, tenantRef);
        const user = await directory.getUser(tenant.id, userRef) ?? fail(`no user '${userRef}' in tenant ${tenant.id}`);
        const { createProtocolState } = await import('../../state/index.js');
        const revoked = await createProtocolState(storage).revokeUser(user.tenantId, user.id);
        if (options.json) return printJson({ userId: user.id, ...revoked });
        console.log(`Revoked the sign-in sessions of ${user.userPrincipalName}: ${revoked.refreshTokenFamilies} refresh-token families, ${revoked.sessionAccounts} SSO sessions, ${revoked.authorizationCodes} codes, ${revoked.deviceCodes} device codes`);
      });
    });
}

function fail(message: string): never {
  throw new UsageError(message);
}
