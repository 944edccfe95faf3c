/**
 * Application registrations (graph.md §2.5, protocol.md §15). Structured properties are JSON
 * text; credentials live in their own tables (application-credentials.ts) and are attached here.
 */
import type { Kysely } from 'kysely';
import type { Application, ApiApplication, WebApplication } from '../../model/directory-objects.js';
import type { Database, NewRow, Row } from '../schema.js';
import { createApplicationCredentialQueries, type ApplicationCredentials } from './application-credentials.js';
import { parseJson, toBool } from './listing.js';

/** An application without its credentials: what a service principal needs to resolve. */
export type ApplicationDefinition = Omit<Application, 'passwordCredentials' | 'keyCredentials' | 'federatedIdentityCredentials'>;

/** Map an applications row to its Graph shape (without credentials). */
export function toApplicationDefinition(row: Row<'applications'>): ApplicationDefinition {
  return {
    id: row.id,
    appId: row.app_id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    signInAudience: row.sign_in_audience,
    identifierUris: parseJson<string[]>(row.identifier_uris, []),
    web: parseJson<WebApplication>(row.web, {
      redirectUris: [],
      homePageUrl: null,
      logoutUrl: null,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    }),
    spa: parseJson(row.spa, { redirectUris: [] as string[] }),
    publicClient: parseJson(row.public_client, { redirectUris: [] as string[] }),
    isFallbackPublicClient: toBool(row.is_fallback_public_client),
    api: parseJson<ApiApplication>(row.api, {
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
      knownClientApplications: [],
      acceptMappedClaims: null,
    }),
    appRoles: parseJson(row.app_roles, []),
    requiredResourceAccess: parseJson(row.required_resource_access, []),
    optionalClaims: parseJson<unknown>(row.optional_claims, null),
    groupMembershipClaims: row.group_membership_claims,
    createdDateTime: row.created_at,
  };
}

function withCredentials(definition: ApplicationDefinition, credentials: Map<string, ApplicationCredentials>): Application {
  const own = credentials.get(definition.id);
  return {
    ...definition,
    passwordCredentials: own?.passwordCredentials ?? [],
    keyCredentials: own?.keyCredentials ?? [],
    federatedIdentityCredentials: own?.federatedIdentityCredentials ?? [],
  };
}

/** SQL for the applications aggregate, credentials included. */
export function createApplicationQueries(db: Kysely<Database>) {
  const credentials = createApplicationCredentialQueries(db);

  async function complete(rows: Row<'applications'>[]): Promise<Application[]> {
    if (rows.length === 0) return [];
    const byApp = await credentials.listFor(rows.map((r) => r.id));
    return rows.map((row) => withCredentials(toApplicationDefinition(row), byApp));
  }

  return {
    credentials,

    async insert(application: NewRow<'applications'>): Promise<void> {
      await db.insertInto('applications').values(application).execute();
    },

    async findById(id: string): Promise<Application | undefined> {
      const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (await complete([row]))[0];
    },

    async findByAppId(appId: string): Promise<Application | undefined> {
      const row = await db.selectFrom('applications').selectAll().where('app_id', '=', appId).executeTakeFirst();
      return row === undefined ? undefined : (await complete([row]))[0];
    },

    async listByTenant(tenantId: string): Promise<Application[]> {
      const rows = await db.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
      return complete(rows);
    },

    /** Definitions (no credentials) by object id, for resolving service principals. */
    async definitionsByIds(ids: string[]): Promise<Map<string, ApplicationDefinition>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('applications').selectAll().where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((row) => [row.id, toApplicationDefinition(row)]));
    },
  };
}

export type ApplicationQueries = ReturnType<typeof createApplicationQueries>;
