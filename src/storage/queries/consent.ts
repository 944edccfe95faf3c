/**
 * Consent records: oAuth2PermissionGrants (delegated) and appRoleAssignments (application
 * permissions and user/group assignment); protocol.md §14.2, graph.md §2.7–2.8.
 */
import type { Kysely } from 'kysely';
import type { OAuth2PermissionGrant } from '../../model/directory-objects.js';
import type { Database, Row } from '../schema.js';

function toGrant(row: Row<'oauth2_permission_grants'>): OAuth2PermissionGrant {
  return {
    id: row.id,
    clientId: row.client_id,
    consentType: row.consent_type,
    principalId: row.principal_id,
    resourceId: row.resource_id,
    scope: row.scope,
  };
}

/** The key that identifies one grant (the unique index of the migration). */
export interface GrantKey {
  tenantId: string;
  clientId: string;
  resourceId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
}

/** SQL for grants and app role assignments. */
export function createConsentQueries(db: Kysely<Database>) {
  return {
    async findGrant(key: GrantKey): Promise<OAuth2PermissionGrant | undefined> {
      let select = db
        .selectFrom('oauth2_permission_grants')
        .selectAll()
        .where('tenant_id', '=', key.tenantId)
        .where('client_id', '=', key.clientId)
        .where('resource_id', '=', key.resourceId)
        .where('consent_type', '=', key.consentType);
      select = key.principalId === null ? select.where('principal_id', 'is', null) : select.where('principal_id', '=', key.principalId);
      const row = await select.executeTakeFirst();
      return row === undefined ? undefined : toGrant(row);
    },

    async insertGrant(row: Row<'oauth2_permission_grants'>): Promise<OAuth2PermissionGrant> {
      await db.insertInto('oauth2_permission_grants').values(row).execute();
      return toGrant(row);
    },

    async updateGrantScope(id: string, scope: string): Promise<void> {
      await db.updateTable('oauth2_permission_grants').set({ scope }).where('id', '=', id).execute();
    },

    async listGrants(tenantId: string, clientId?: string): Promise<OAuth2PermissionGrant[]> {
      let select = db.selectFrom('oauth2_permission_grants').selectAll().where('tenant_id', '=', tenantId);
      if (clientId !== undefined) select = select.where('client_id', '=', clientId);
      return (await select.orderBy('id').execute()).map(toGrant);
    },

    /** Deletes one grant (revocation, protocol.md §14.2); true when a row went. */
    async deleteGrant(tenantId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('oauth2_permission_grants').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Insert unless the same (tenant, principal, resource, role) exists; true when inserted. */
    async insertAssignmentIfAbsent(row: Row<'app_role_assignments'>): Promise<boolean> {
      const result = await db
        .insertInto('app_role_assignments')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'principal_id', 'resource_id', 'app_role_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async findAssignment(tenantId: string, principalId: string, resourceId: string, appRoleId: string): Promise<Row<'app_role_assignments'> | undefined> {
      return db
        .selectFrom('app_role_assignments')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('principal_id', '=', principalId)
        .where('resource_id', '=', resourceId)
        .where('app_role_id', '=', appRoleId)
        .executeTakeFirst();
    },

    async listAssignmentsOf(tenantId: string, principalId: string): Promise<Row<'app_role_assignments'>[]> {
      return db
        .selectFrom('app_role_assignments')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('principal_id', '=', principalId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** Deletes the (tenant, principal, resource, role) assignment; true when a row went. */
    async deleteAssignment(tenantId: string, principalId: string, resourceId: string, appRoleId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('app_role_assignments')
        .where('tenant_id', '=', tenantId)
        .where('principal_id', '=', principalId)
        .where('resource_id', '=', resourceId)
        .where('app_role_id', '=', appRoleId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Role ids assigned to `principalId` on one resource service principal. */
    async assignedRoleIds(tenantId: string, principalId: string, resourceId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('app_role_assignments')
        .select('app_role_id')
        .where('tenant_id', '=', tenantId)
        .where('principal_id', '=', principalId)
        .where('resource_id', '=', resourceId)
        .execute();
      return rows.map((r) => r.app_role_id);
    },

    /** Assignments of any of `principalIds` on one resource service principal. */
    async assignmentsOnResource(tenantId: string, principalIds: readonly string[], resourceId: string): Promise<Array<{ principalId: string; appRoleId: string }>> {
      if (principalIds.length === 0) return [];
      const rows = await db
        .selectFrom('app_role_assignments')
        .select(['principal_id', 'app_role_id'])
        .where('tenant_id', '=', tenantId)
        .where('principal_id', 'in', [...principalIds])
        .where('resource_id', '=', resourceId)
        .execute();
      return rows.map((r) => ({ principalId: r.principal_id, appRoleId: r.app_role_id }));
    },

    /** Deletes one assignment by id; true when it existed. */
    async deleteAssignmentById(tenantId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('app_role_assignments').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type ConsentQueries = ReturnType<typeof createConsentQueries>;
