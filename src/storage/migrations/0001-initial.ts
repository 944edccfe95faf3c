/**
 * Every table of `storage/schema.ts`, written once with Kysely's schema builder so the same
 * migration runs on SQLite and PostgreSQL (shared/style.md convention 10). Column types are the
 * dialect-neutral ones of schema.ts: GUIDs and ISO timestamps as text, booleans as integer 0/1,
 * structured Graph properties as JSON text.
 *
 * Migrations are frozen history: constants are inlined here, never imported from the domain.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

const CASCADE = 'cascade' as const;

// The personal-accounts tenant exists in every database (protocol.md §2.1), with the Microsoft
// Graph service principal every tenant has (design.md Layers).
const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

async function createDirectoryTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country_letter_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('domains')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('is_initial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_verified', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('domains_tenant_id').on('domains').column('tenant_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('user_principal_name', 'text', (c) => c.notNull())
    .addColumn('upn_lower', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('mail', 'text')
    .addColumn('mail_nickname', 'text')
    .addColumn('job_title', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('office_location', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('business_phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('user_type', 'text', (c) => c.notNull().defaultTo('Member'))
    .addColumn('account_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_hash', 'text')
    .addColumn('mfa_totp_secret', 'text')
    .addColumn('mfa_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Keyset paging within a tenant walks (tenant_id, id).
  await db.schema.createIndex('users_tenant_id_id').on('users').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('directory_role_assignments')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('role_template_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_role_assignments_pk', ['tenant_id', 'principal_id', 'role_template_id'])
    .execute();
  await db.schema
    .createIndex('directory_role_assignments_principal_id')
    .on('directory_role_assignments')
    .column('principal_id')
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('mail', 'text')
    .addColumn('mail_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mail_nickname', 'text', (c) => c.notNull())
    .addColumn('security_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('group_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_tenant_id_id').on('groups').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete(CASCADE))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .execute();
  // memberOf / transitive lookups start from the member.
  await db.schema.createIndex('group_members_member_id').on('group_members').column('member_id').execute();
}

async function createApplicationTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sign_in_audience', 'text', (c) => c.notNull())
    .addColumn('identifier_uris', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('web', 'text', (c) => c.notNull())
    .addColumn('spa', 'text', (c) => c.notNull())
    .addColumn('public_client', 'text', (c) => c.notNull())
    .addColumn('is_fallback_public_client', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('app_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required_resource_access', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('optional_claims', 'text')
    .addColumn('group_membership_claims', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_tenant_id').on('applications').column('tenant_id').execute();

  await db.schema
    .createTable('password_credentials')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete(CASCADE))
    .addColumn('display_name', 'text')
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('start_date_time', 'text', (c) => c.notNull())
    .addColumn('end_date_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_credentials_application_id').on('password_credentials').column('application_id').execute();

  await db.schema
    .createTable('key_credentials')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete(CASCADE))
    .addColumn('display_name', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('usage', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('thumbprint_sha1', 'text', (c) => c.notNull())
    .addColumn('thumbprint_sha256', 'text', (c) => c.notNull())
    .addColumn('custom_key_identifier', 'text', (c) => c.notNull())
    .addColumn('start_date_time', 'text', (c) => c.notNull())
    .addColumn('end_date_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('key_credentials_application_id').on('key_credentials').column('application_id').execute();

  await db.schema
    .createTable('federated_identity_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete(CASCADE))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // graph.md §2.5: name is an alternate key; issuer+subject is unique per application.
    .addUniqueConstraint('federated_identity_credentials_name', ['application_id', 'name'])
    .addUniqueConstraint('federated_identity_credentials_issuer_subject', ['application_id', 'issuer', 'subject'])
    .execute();
}

async function createConsentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_principals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('applications.id').onDelete(CASCADE))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('account_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('app_role_assignment_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('service_principal_type', 'text', (c) => c.notNull().defaultTo('Application'))
    .addColumn('app_owner_organization_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // protocol.md §15.1: one service principal per application per tenant.
    .addUniqueConstraint('service_principals_tenant_app', ['tenant_id', 'app_id'])
    .execute();
  await db.schema.createIndex('service_principals_application_id').on('service_principals').column('application_id').execute();

  await db.schema
    .createTable('oauth2_permission_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('client_id', 'text', (c) => c.notNull().references('service_principals.id').onDelete(CASCADE))
    .addColumn('consent_type', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('service_principals.id').onDelete(CASCADE))
    .addColumn('scope', 'text', (c) => c.notNull())
    .execute();
  // One grant per (client, resource, consentType, principal); principal_id is null for
  // AllPrincipals and NULLs never collide in a unique index, hence coalesce (works on both).
  await db.schema
    .createIndex('oauth2_permission_grants_unique')
    .on('oauth2_permission_grants')
    .unique()
    .columns(['tenant_id', 'client_id', 'resource_id', 'consent_type'])
    .expression(sql`coalesce(principal_id, '')`)
    .execute();
  await db.schema.createIndex('oauth2_permission_grants_resource_id').on('oauth2_permission_grants').column('resource_id').execute();

  await db.schema
    .createTable('app_role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete(CASCADE))
    .addColumn('app_role_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('principal_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('service_principals.id').onDelete(CASCADE))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('app_role_assignments_unique', ['tenant_id', 'principal_id', 'resource_id', 'app_role_id'])
    .execute();
  await db.schema.createIndex('app_role_assignments_resource_id').on('app_role_assignments').column('resource_id').execute();
}

async function createSystemTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('retire_until', 'text')
    .execute();
  await db.schema.createIndex('signing_keys_status').on('signing_keys').column('status').execute();

  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

async function seedConsumersTenant(db: Kysely<unknown>): Promise<void> {
  const createdAt = new Date().toISOString();
  await db
    .insertInto('tenants' as never)
    .values({ id: CONSUMERS_TENANT_ID, display_name: 'Microsoft Accounts', kind: 'consumers', country_letter_code: null, created_at: createdAt } as never)
    .execute();
  await db
    .insertInto('service_principals' as never)
    .values({
      id: randomUUID(),
      tenant_id: CONSUMERS_TENANT_ID,
      app_id: GRAPH_APP_ID,
      application_id: null,
      display_name: 'Microsoft Graph',
      account_enabled: 1,
      app_role_assignment_required: 0,
      service_principal_type: 'Application',
      app_owner_organization_id: MICROSOFT_SERVICES_TENANT_ID,
      created_at: createdAt,
    } as never)
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createDirectoryTables(db);
  await createApplicationTables(db);
  await createConsentTables(db);
  await createSystemTables(db);
  await seedConsumersTenant(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'settings', 'signing_keys', 'app_role_assignments', 'oauth2_permission_grants', 'service_principals',
    'federated_identity_credentials', 'key_credentials', 'password_credentials', 'applications',
    'group_members', 'groups', 'directory_role_assignments', 'users', 'domains', 'tenants',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
