/** Users and their directory role assignments (graph.md §2.1, §2.9). */
import type { Kysely } from 'kysely';
import type { ListQuery, Page } from '../../model/listing.js';
import type { User } from '../../model/directory-objects.js';
import type { Database, NewRow, Row, RowUpdate } from '../schema.js';
import { decodeCursor, filterToSql, parseJson, toBool, toCount, toPage, type PropertyMap } from './listing.js';

/** `$filter`-able user properties (graph.md §2.1) and where they live. */
export const USER_FILTER_PROPERTIES: PropertyMap = {
  id: { column: 'users.id', kind: 'id' },
  userPrincipalName: { column: 'users.upn_lower', kind: 'lowered' },
  displayName: { column: 'users.display_name', kind: 'string' },
  givenName: { column: 'users.given_name', kind: 'string' },
  surname: { column: 'users.surname', kind: 'string' },
  mail: { column: 'users.mail', kind: 'string' },
  jobTitle: { column: 'users.job_title', kind: 'string' },
  accountEnabled: { column: 'users.account_enabled', kind: 'boolean' },
  userType: { column: 'users.user_type', kind: 'string' },
  mailNickname: { column: 'users.mail_nickname', kind: 'string' },
  officeLocation: { column: 'users.office_location', kind: 'string' },
  preferredLanguage: { column: 'users.preferred_language', kind: 'string' },
  mobilePhone: { column: 'users.mobile_phone', kind: 'string' },
};

function toUser(row: Row<'users'>, roles: Row<'directory_role_assignments'>[]): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userPrincipalName: row.user_principal_name,
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    mail: row.mail,
    mailNickname: row.mail_nickname,
    jobTitle: row.job_title,
    mobilePhone: row.mobile_phone,
    officeLocation: row.office_location,
    preferredLanguage: row.preferred_language,
    businessPhones: parseJson<string[]>(row.business_phones, []),
    userType: row.user_type,
    accountEnabled: toBool(row.account_enabled),
    createdDateTime: row.created_at,
    mfa: { required: toBool(row.mfa_required), registered: row.mfa_totp_secret !== null },
    directoryRoles: roles.filter((r) => r.principal_id === row.id).map((r) => r.role_template_id).sort(),
  };
}

/** SQL for the users aggregate. */
export function createUserQueries(db: Kysely<Database>) {
  async function withRoles(rows: Row<'users'>[]): Promise<User[]> {
    if (rows.length === 0) return [];
    const roles = await db
      .selectFrom('directory_role_assignments')
      .selectAll()
      .where('principal_id', 'in', rows.map((r) => r.id))
      .execute();
    return rows.map((row) => toUser(row, roles));
  }

  return {
    async insert(user: NewRow<'users'>, directoryRoles: string[]): Promise<void> {
      await db.insertInto('users').values(user).execute();
      for (const roleTemplateId of new Set(directoryRoles)) {
        await db
          .insertInto('directory_role_assignments')
          .values({ tenant_id: user.tenant_id, principal_id: user.id, role_template_id: roleTemplateId })
          .execute();
      }
    },

    async findById(tenantId: string, id: string): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (await withRoles([row]))[0];
    },

    /** `upnLower` must already be lower-cased. */
    async findByUpn(tenantId: string, upnLower: string): Promise<User | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('upn_lower', '=', upnLower)
        .executeTakeFirst();
      return row === undefined ? undefined : (await withRoles([row]))[0];
    },

    async findManyByIds(tenantId: string, ids: string[]): Promise<User[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      return withRoles(rows);
    },

    /** Sets `values` on the user's row in `tenantId`; false when there is no such user. */
    async update(tenantId: string, id: string, values: RowUpdate<'users'>): Promise<boolean> {
      const result = await db.updateTable('users').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The stored password hash (null: no password), or undefined when the user does not exist. */
    async passwordHash(userId: string): Promise<string | null | undefined> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
      return row?.password_hash;
    },

    /** The stored TOTP secret (sealed `enc:v1:` or plain; null: none), undefined: no such user. */
    async totpSecret(userId: string): Promise<string | null | undefined> {
      const row = await db.selectFrom('users').select('mfa_totp_secret').where('id', '=', userId).executeTakeFirst();
      return row?.mfa_totp_secret;
    },

    /** Users whose TOTP secret is stored unsealed (not `enc:v1:`), with it. */
    async unsealedTotpSecrets(): Promise<Array<{ id: string; secret: string }>> {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'mfa_totp_secret'])
        .where('mfa_totp_secret', 'is not', null)
        .where('mfa_totp_secret', 'not like', 'enc:v1:%')
        .execute();
      return rows.map((r) => ({ id: r.id, secret: r.mfa_totp_secret ?? '' }));
    },

    /** Replaces a TOTP secret only if it is still `expected` (a concurrent writer wins). */
    async replaceTotpSecret(userId: string, expected: string, value: string): Promise<void> {
      await db.updateTable('users').set({ mfa_totp_secret: value }).where('id', '=', userId).where('mfa_totp_secret', '=', expected).execute();
    },

    async list(tenantId: string, query: ListQuery): Promise<Page<User>> {
      const top = Math.max(1, Math.floor(query.top));
      const where = query.filter ? filterToSql(query.filter, USER_FILTER_PROPERTIES) : undefined;
      let select = db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
      if (where !== undefined) select = select.where(where);
      if (query.cursor) select = select.where('id', '>', decodeCursor(query.cursor));
      const rows = await select.orderBy('id').limit(top + 1).execute();
      const page = toPage(rows, top, (r) => r.id, (r) => r);
      const result: Page<User> = { items: await withRoles(page.items), nextCursor: page.nextCursor };
      if (query.count === true) {
        let counter = db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('count')).where('tenant_id', '=', tenantId);
        if (where !== undefined) counter = counter.where(where);
        result.count = toCount(await counter.executeTakeFirst());
      }
      return result;
    },
  };
}

export type UserQueries = ReturnType<typeof createUserQueries>;
