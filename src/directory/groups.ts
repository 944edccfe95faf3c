/** Groups and direct membership (graph.md §2.2). */
import { isGuid, newGuid } from '../lib/ids.js';
import type { MemberType, Queries } from '../storage/queries/index.js';
import type { ListQuery, NewGroup, Page } from './directory.js';
import type { DirectoryContext } from './context.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { toServicePrincipal } from './service-principals.js';
import type { DirectoryObject, Group } from './types.js';

// Graph's message when a member is added twice (graph.md §2.2: 400 if already member).
const ALREADY_MEMBER = "One or more added object references already exist for the following modified properties: 'members'.";

/** Type of a directory object that may join a group, or NotFoundError. */
async function memberTypeOf(q: Queries, tenantId: string, memberId: string): Promise<MemberType> {
  const found = isGuid(memberId) ? await q.directoryObjects.find(tenantId, memberId.toLowerCase()) : undefined;
  if (found === undefined) throw new NotFoundError('MemberNotFound', `Resource '${memberId}' does not exist or one of its queried reference-property objects are not present.`);
  return found.kind;
}

function defaultMailNickname(displayName: string): string {
  const nickname = displayName.replace(/[^A-Za-z0-9._-]/g, '');
  return nickname === '' ? `group-${newGuid().slice(0, 8)}` : nickname.slice(0, 64);
}

async function loadMembers(q: Queries, tenantId: string, refs: Array<{ id: string; type: MemberType }>): Promise<DirectoryObject[]> {
  const idsOf = (type: MemberType) => refs.filter((r) => r.type === type).map((r) => r.id);
  const [users, groups, principals] = await Promise.all([
    q.users.findManyByIds(tenantId, idsOf('user')),
    q.groups.findManyByIds(tenantId, idsOf('group')),
    q.servicePrincipals.findManyByIds(tenantId, idsOf('servicePrincipal')),
  ]);
  const byId = new Map<string, DirectoryObject>([
    ...users.map((u) => [u.id, { '@odata.type': '#microsoft.graph.user', ...u }] as const),
    ...groups.map((g) => [g.id, { '@odata.type': '#microsoft.graph.group', ...g }] as const),
    ...principals.map((r) => [r.row.id, { '@odata.type': '#microsoft.graph.servicePrincipal', ...toServicePrincipal(r) }] as const),
  ]);
  return refs.flatMap((r) => byId.get(r.id) ?? []);
}

/** Directory methods for groups. */
export function groupOperations(ctx: DirectoryContext) {
  const getGroup = (tenantId: string, id: string) =>
    ctx.read((q) => (isGuid(id) ? q.groups.findById(tenantId, id.toLowerCase()) : Promise.resolve(undefined)));

  async function requireGroup(q: Queries, tenantId: string, groupId: string): Promise<Group> {
    const group = isGuid(groupId) ? await q.groups.findById(tenantId, groupId.toLowerCase()) : undefined;
    if (group === undefined) throw new NotFoundError('GroupNotFound', `Group '${groupId}' not found`);
    return group;
  }

  async function createGroup(tenantId: string, input: NewGroup): Promise<Group> {
    if (input.id !== undefined && !isGuid(input.id)) throw new ValidationError('InvalidId', `'${input.id}' is not a GUID`);
    if (input.displayName.trim() === '') throw new ValidationError('InvalidDisplayName', 'displayName is required');
    const id = input.id?.toLowerCase() ?? newGuid();
    const mailNickname = input.mailNickname ?? defaultMailNickname(input.displayName);
    const mailEnabled = input.mailEnabled ?? false;
    const members = [...new Set((input.members ?? []).map((m) => m.toLowerCase()))];
    if (members.includes(id)) throw new ValidationError('InvalidMember', 'A group cannot be a member of itself');
    await ctx.write(async (q) => {
      const tenant = await q.tenants.findById(tenantId);
      if (tenant === undefined) throw new NotFoundError('TenantNotFound', `Tenant '${tenantId}' not found`);
      const types = await Promise.all(members.map((m) => memberTypeOf(q, tenantId, m)));
      const defaultDomain = tenant.domains.find((d) => d.isDefault)?.name;
      await q.groups.insert({
        id,
        tenant_id: tenantId,
        display_name: input.displayName,
        description: input.description ?? null,
        // A mail-enabled group gets an address on the tenant's default domain.
        mail: mailEnabled && defaultDomain !== undefined ? `${mailNickname}@${defaultDomain}` : null,
        mail_enabled: mailEnabled ? 1 : 0,
        mail_nickname: mailNickname,
        security_enabled: input.securityEnabled === false ? 0 : 1,
        group_types: JSON.stringify(input.groupTypes ?? []),
        created_at: ctx.now().toISOString(),
      });
      for (const [i, memberId] of members.entries()) await q.groups.addMember(id, memberId, types[i] as MemberType);
    }, { conflict: () => new ConflictError('GroupConflict', `Group '${id}' already exists`) });
    return (await getGroup(tenantId, id)) as Group;
  }

  async function addGroupMember(tenantId: string, groupId: string, memberId: string): Promise<void> {
    const conflict = () => new ConflictError('AlreadyMember', ALREADY_MEMBER);
    await ctx.write(async (q) => {
      const group = await requireGroup(q, tenantId, groupId);
      const type = await memberTypeOf(q, tenantId, memberId);
      const member = memberId.toLowerCase();
      if (member === group.id) throw new ValidationError('InvalidMember', 'A group cannot be a member of itself');
      if (await q.groups.isMember(group.id, member)) throw conflict();
      await q.groups.addMember(group.id, member, type);
    }, { conflict });
  }

  async function listGroupMembers(tenantId: string, groupId: string, query: ListQuery): Promise<Page<DirectoryObject>> {
    if (query.filter) throw new ValidationError('UnsupportedFilter', '$filter is not supported on group members');
    return ctx.read(async (q) => {
      const group = await requireGroup(q, tenantId, groupId);
      const page = await q.groups.listMembers(group.id, query);
      return { ...page, items: await loadMembers(q, tenantId, page.items) };
    });
  }

  return {
    getGroup,
    listGroups: (tenantId: string, query: ListQuery) => ctx.read((q) => q.groups.list(tenantId, query)),
    createGroup,
    addGroupMember,
    listGroupMembers,
  };
}
