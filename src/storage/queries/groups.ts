/** Groups and direct membership (graph.md §2.2). */
import type { Kysely } from 'kysely';
import type { ListQuery, Page } from '../../model/listing.js';
import type { Group } from '../../model/directory-objects.js';
import type { Database, NewRow, Row } from '../schema.js';
import { decodeCursor, filterToSql, parseJson, toBool, toCount, toPage, type PropertyMap } from './listing.js';

/** `$filter`-able group properties (graph.md §2.2) and where they live. */
export const GROUP_FILTER_PROPERTIES: PropertyMap = {
  id: { column: 'groups.id', kind: 'id' },
  displayName: { column: 'groups.display_name', kind: 'string' },
  mail: { column: 'groups.mail', kind: 'string' },
  mailNickname: { column: 'groups.mail_nickname', kind: 'string' },
  mailEnabled: { column: 'groups.mail_enabled', kind: 'boolean' },
  securityEnabled: { column: 'groups.security_enabled', kind: 'boolean' },
  description: { column: 'groups.description', kind: 'string' },
};

export type MemberType = Row<'group_members'>['member_type'];

function toGroup(row: Row<'groups'>): Group {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    description: row.description,
    mail: row.mail,
    mailEnabled: toBool(row.mail_enabled),
    mailNickname: row.mail_nickname,
    securityEnabled: toBool(row.security_enabled),
    groupTypes: parseJson<string[]>(row.group_types, []),
    createdDateTime: row.created_at,
  };
}

/** SQL for the groups aggregate. */
export function createGroupQueries(db: Kysely<Database>) {
  return {
    async insert(group: NewRow<'groups'>): Promise<void> {
      await db.insertInto('groups').values(group).execute();
    },

    async findById(tenantId: string, id: string): Promise<Group | undefined> {
      const row = await db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toGroup(row);
    },

    async findManyByIds(tenantId: string, ids: string[]): Promise<Group[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      return rows.map(toGroup);
    },

    async list(tenantId: string, query: ListQuery): Promise<Page<Group>> {
      const top = Math.max(1, Math.floor(query.top));
      const where = query.filter ? filterToSql(query.filter, GROUP_FILTER_PROPERTIES) : undefined;
      let select = db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId);
      if (where !== undefined) select = select.where(where);
      if (query.cursor) select = select.where('id', '>', decodeCursor(query.cursor));
      const rows = await select.orderBy('id').limit(top + 1).execute();
      const page: Page<Group> = toPage(rows, top, (r) => r.id, (r) => r.map(toGroup));
      if (query.count === true) {
        let counter = db.selectFrom('groups').select((eb) => eb.fn.countAll<string | number>().as('count')).where('tenant_id', '=', tenantId);
        if (where !== undefined) counter = counter.where(where);
        page.count = toCount(await counter.executeTakeFirst());
      }
      return page;
    },

    async addMember(groupId: string, memberId: string, memberType: MemberType): Promise<void> {
      await db.insertInto('group_members').values({ group_id: groupId, member_id: memberId, member_type: memberType }).execute();
    },

    async isMember(groupId: string, memberId: string): Promise<boolean> {
      const row = await db
        .selectFrom('group_members')
        .select('member_id')
        .where('group_id', '=', groupId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Ids of the groups `memberId` belongs to directly. */
    async groupIdsOf(memberId: string): Promise<string[]> {
      const rows = await db.selectFrom('group_members').select('group_id').where('member_id', '=', memberId).execute();
      return rows.map((r) => r.group_id);
    },

    /** Ids of the groups any of `memberIds` belongs to directly (one step of a transitive walk). */
    async groupIdsOfAny(memberIds: readonly string[]): Promise<string[]> {
      if (memberIds.length === 0) return [];
      const rows = await db.selectFrom('group_members').select('group_id').distinct().where('member_id', 'in', [...memberIds]).execute();
      return rows.map((r) => r.group_id);
    },

    /** One page of direct members, ordered by member id; `$filter` is not supported here. */
    async listMembers(groupId: string, query: ListQuery): Promise<Page<{ id: string; type: MemberType }>> {
      const top = Math.max(1, Math.floor(query.top));
      let select = db.selectFrom('group_members').select(['member_id', 'member_type']).where('group_id', '=', groupId);
      if (query.cursor) select = select.where('member_id', '>', decodeCursor(query.cursor));
      const rows = await select.orderBy('member_id').limit(top + 1).execute();
      const page: Page<{ id: string; type: MemberType }> = toPage(
        rows,
        top,
        (r) => r.member_id,
        (r) => r.map((m) => ({ id: m.member_id, type: m.member_type })),
      );
      if (query.count === true) {
        const row = await db
          .selectFrom('group_members')
          .select((eb) => eb.fn.countAll<string | number>().as('count'))
          .where('group_id', '=', groupId)
          .executeTakeFirst();
        page.count = toCount(row);
      }
      return page;
    },
  };
}

export type GroupQueries = ReturnType<typeof createGroupQueries>;
