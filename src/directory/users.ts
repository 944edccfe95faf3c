/**
 * Users (graph.md §2.1): creation rules, lookup by id or UPN, password verification, and the
 * TOTP secret, sealed at rest with TESSERA_MASTER_KEY like signing keys (lib/master-key.ts).
 */
import { isGuid, newGuid } from '../lib/ids.js';
import { openIfSealed, type MasterKey } from '../lib/master-key.js';
import { hashPassword, verifyPassword } from '../lib/passwords.js';
import type { ListQuery, NewUser, UserPatch } from './directory.js';
import type { RowUpdate } from '../storage/schema.js';
import type { DirectoryContext } from './context.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { Tenant, User } from './types.js';

// Graph's message for a duplicate UPN (graph.md §1.7, Request_BadRequest family).
const UPN_CONFLICT = 'Another object with the same value for property userPrincipalName already exists.';

function splitUpn(upn: string): { alias: string; domain: string } {
  const at = upn.lastIndexOf('@');
  const alias = upn.slice(0, at);
  const domain = upn.slice(at + 1).toLowerCase();
  if (at <= 0 || domain === '' || /\s/.test(upn)) {
    throw new ValidationError('InvalidUserPrincipalName', `'${upn}' is not a valid userPrincipalName (alias@domain)`);
  }
  return { alias, domain };
}

function checkUpnDomain(tenant: Tenant, domain: string): void {
  // graph.md §2.1: the UPN suffix must be a verified domain of the organization. Personal
  // accounts (consumers tenant) keep their own e-mail domains.
  if (tenant.kind === 'consumers') return;
  if (!tenant.domains.some((d) => d.isVerified && d.name === domain)) {
    throw new ValidationError(
      'InvalidUserPrincipalNameDomain',
      `The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.`,
    );
  }
}

let dummyHash: Promise<string> | undefined;

/** Directory methods for users; `masterKey` seals TOTP secrets (null: stored as given). */
export function userOperations(ctx: DirectoryContext, masterKey: MasterKey | null = null) {
  async function getUser(tenantId: string, idOrUpn: string): Promise<User | undefined> {
    // No UPN holds NUL (PostgreSQL refuses it as a parameter: a 500 instead of "no such user").
    if (idOrUpn.includes('\u0000')) return undefined;
    return ctx.read((q) =>
      isGuid(idOrUpn) ? q.users.findById(tenantId, idOrUpn.toLowerCase()) : q.users.findByUpn(tenantId, idOrUpn.trim().toLowerCase()),
    );
  }

  async function createUser(tenantId: string, input: NewUser): Promise<User> {
    if (input.id !== undefined && !isGuid(input.id)) throw new ValidationError('InvalidId', `'${input.id}' is not a GUID`);
    if (input.displayName.trim() === '') throw new ValidationError('InvalidDisplayName', 'displayName is required');
    const upn = input.userPrincipalName.trim();
    const { alias, domain } = splitUpn(upn);
    const tenant = await ctx.read((q) => q.tenants.findById(tenantId));
    if (tenant === undefined) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
    checkUpnDomain(tenant, domain);
    for (const role of input.directoryRoles ?? []) {
      if (!isGuid(role)) throw new ValidationError('InvalidDirectoryRole', `'${role}' is not a role template id`);
    }
    const id = input.id?.toLowerCase() ?? newGuid();
    // Hash before the transaction: scrypt takes tens of milliseconds.
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const totpSecret = input.mfa?.totpSecret ?? null;
    // AAD = the user id: a sealed secret copied onto another user's row does not open.
    const storedTotp = totpSecret === null || masterKey === null ? totpSecret : await masterKey.seal(totpSecret, id);
    const conflict = () => new ConflictError('UserPrincipalNameConflict', UPN_CONFLICT);
    await ctx.write(
      async (q) => {
        if ((await q.users.findByUpn(tenantId, upn.toLowerCase())) !== undefined) throw conflict();
        await q.users.insert(
          {
            id,
            tenant_id: tenantId,
            user_principal_name: upn,
            upn_lower: upn.toLowerCase(),
            display_name: input.displayName,
            given_name: input.givenName ?? null,
            surname: input.surname ?? null,
            mail: input.mail ?? null,
            mail_nickname: alias,
            job_title: input.jobTitle ?? null,
            mobile_phone: input.mobilePhone ?? null,
            office_location: input.officeLocation ?? null,
            preferred_language: input.preferredLanguage ?? null,
            business_phones: JSON.stringify(input.businessPhones ?? []),
            // Entra marks B2B guests with #EXT# in the UPN.
            user_type: upn.includes('#EXT#') ? 'Guest' : 'Member',
            account_enabled: input.accountEnabled === false ? 0 : 1,
            password_hash: passwordHash,
            mfa_totp_secret: storedTotp,
            mfa_required: input.mfa?.required === true ? 1 : 0,
            created_at: ctx.now().toISOString(),
          },
          (input.directoryRoles ?? []).map((r) => r.toLowerCase()),
        );
      },
      { conflict },
    );
    return (await getUser(tenantId, id)) as User;
  }

  /** The row columns of `patch` (only the properties present). */
  function patchColumns(patch: UserPatch): RowUpdate<'users'> {
    const set: RowUpdate<'users'> = {};
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.givenName !== undefined) set.given_name = patch.givenName;
    if (patch.surname !== undefined) set.surname = patch.surname;
    if (patch.jobTitle !== undefined) set.job_title = patch.jobTitle;
    if (patch.mobilePhone !== undefined) set.mobile_phone = patch.mobilePhone;
    if (patch.officeLocation !== undefined) set.office_location = patch.officeLocation;
    if (patch.preferredLanguage !== undefined) set.preferred_language = patch.preferredLanguage;
    if (patch.businessPhones !== undefined) set.business_phones = JSON.stringify(patch.businessPhones);
    if (patch.mail !== undefined) set.mail = patch.mail;
    if (patch.mailNickname !== undefined) set.mail_nickname = patch.mailNickname;
    if (patch.userType !== undefined) set.user_type = patch.userType;
    if (patch.accountEnabled !== undefined) set.account_enabled = patch.accountEnabled ? 1 : 0;
    return set;
  }

  async function updateUser(tenantId: string, userId: string, patch: UserPatch): Promise<User> {
    const id = userId.toLowerCase();
    const missing = () => new NotFoundError('UserNotFound', `User '${userId}' not found`);
    if (!isGuid(id)) throw missing();
    if (patch.displayName !== undefined && patch.displayName.trim() === '') throw new ValidationError('InvalidDisplayName', 'displayName is required');
    const set = patchColumns(patch);
    const upn = patch.userPrincipalName?.trim();
    if (upn !== undefined) {
      const { domain } = splitUpn(upn);
      const tenant = await ctx.read((q) => q.tenants.findById(tenantId));
      if (tenant === undefined) throw missing();
      checkUpnDomain(tenant, domain);
      set.user_principal_name = upn;
      set.upn_lower = upn.toLowerCase();
    }
    const conflict = () => new ConflictError('UserPrincipalNameConflict', UPN_CONFLICT);
    // One statement: concurrent patches of different properties both land (no read-modify-write).
    const user = await ctx.write(
      async (q) => {
        if (upn !== undefined) {
          const holder = await q.users.findByUpn(tenantId, upn.toLowerCase());
          if (holder !== undefined && holder.id !== id) throw conflict();
        }
        const found = Object.keys(set).length === 0 ? (await q.users.findById(tenantId, id)) !== undefined : await q.users.update(tenantId, id, set);
        if (!found) throw missing();
        return q.users.findById(tenantId, id);
      },
      { conflict },
    );
    return user as User;
  }

  async function checkPassword(userId: string, password: string): Promise<boolean> {
    const stored = isGuid(userId) ? await ctx.read((q) => q.users.passwordHash(userId.toLowerCase())) : undefined;
    if (typeof stored === 'string') return verifyPassword(password, stored);
    // No such user or no password: spend the same time, so timing does not tell them apart.
    dummyHash ??= hashPassword('tessera-dummy-password');
    await verifyPassword(password, await dummyHash);
    return false;
  }

  /**
   * The user's TOTP secret (base32) opened with the master key; null when the user has none or
   * does not exist. Throws MasterKeyError when it is sealed and the master key is missing/wrong.
   */
  async function getTotpSecret(userId: string): Promise<string | null> {
    if (!isGuid(userId)) return null;
    const id = userId.toLowerCase();
    const stored = await ctx.read((q) => q.users.totpSecret(id));
    return stored === null || stored === undefined ? null : openIfSealed(stored, masterKey, id);
  }

  /**
   * With a master key, seals TOTP secrets stored in clear (written before the key was set, or
   * by an older version); returns how many. Without one, does nothing.
   */
  async function sealTotpSecrets(): Promise<number> {
    if (masterKey === null) return 0;
    const plain = await ctx.read((q) => q.users.unsealedTotpSecrets());
    for (const { id, secret } of plain) {
      const sealed = await masterKey.seal(secret, id);
      await ctx.write((q) => q.users.replaceTotpSecret(id, secret, sealed));
    }
    return plain.length;
  }

  return {
    getUser,
    getTotpSecret,
    sealTotpSecrets,
    listUsers: (tenantId: string, query: ListQuery) => ctx.read((q) => q.users.list(tenantId, query)),
    createUser,
    updateUser,
    verifyPassword: checkPassword,
  };
}
