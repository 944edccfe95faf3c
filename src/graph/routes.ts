/**
 * Every Graph path Tessera serves, read first (shared/style.md convention 1). Paths are below
 * `/v1.0` and `/beta` (both served alike); literal segments match case-insensitively
 * (graph.md §1.1), `{name}` segments are parameters. Names are stable, for logs and links.
 */
import type { GraphHandler } from './context.js';
import { countGroups, listGroups } from './groups/list.js';
import { getGroup } from './groups/get.js';
import { countGroupMembers, listGroupMembers } from './groups/members.js';
import { getMe } from './me/get.js';
import { patchMe } from './me/patch.js';
import { getOrganization, listOrganization } from './organization/get.js';
import { countUsers, listUsers } from './users/list.js';
import { getUser } from './users/get.js';
import { patchUser } from './users/patch.js';

export interface GraphRoute {
  name: string;
  method: 'GET' | 'PATCH';
  path: readonly string[];
  handler: GraphHandler;
}

export const graphRoutes: readonly GraphRoute[] = [
  { name: 'users', method: 'GET', path: ['users'], handler: listUsers },
  { name: 'users-count', method: 'GET', path: ['users', '$count'], handler: countUsers },
  { name: 'user', method: 'GET', path: ['users', '{id}'], handler: getUser },
  { name: 'user-update', method: 'PATCH', path: ['users', '{id}'], handler: patchUser },
  { name: 'me', method: 'GET', path: ['me'], handler: getMe },
  { name: 'me-update', method: 'PATCH', path: ['me'], handler: patchMe },
  { name: 'organization', method: 'GET', path: ['organization'], handler: listOrganization },
  { name: 'organization-entity', method: 'GET', path: ['organization', '{id}'], handler: getOrganization },
  { name: 'groups', method: 'GET', path: ['groups'], handler: listGroups },
  { name: 'groups-count', method: 'GET', path: ['groups', '$count'], handler: countGroups },
  { name: 'group', method: 'GET', path: ['groups', '{id}'], handler: getGroup },
  { name: 'group-members', method: 'GET', path: ['groups', '{id}', 'members'], handler: listGroupMembers },
  { name: 'group-members-count', method: 'GET', path: ['groups', '{id}', 'members', '$count'], handler: countGroupMembers },
];
