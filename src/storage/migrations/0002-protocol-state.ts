/**
 * Protocol state (design.md "Front channel and protocol state"): authorization codes, refresh-token
 * families and their tokens, SSO sessions and their accounts, device codes, failure counters.
 * Separate tables from the directory: written on every sign-in, never behind the directory cache.
 *
 * Every handle column holds a base64url SHA-256 digest, never the handle. Each table has an
 * indexed `expires_at` for the sweeper, and the indexes the lookups need: by digest (primary
 * keys), by family, by user (revocation), by user-code digest.
 *
 * Frozen history: constants are inlined, nothing is imported from the domain.
 */
import type { Kysely } from 'kysely';

const CASCADE = 'cascade' as const;

async function createCodeTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('authorization_codes')
    .addColumn('code_digest', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('code_challenge', 'text')
    .addColumn('code_challenge_method', 'text')
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema.createIndex('authorization_codes_expires_at').on('authorization_codes').column('expires_at').execute();
  // Revocation by user: user ids are GUIDs, and a code's tenant may be an alias (`organizations`).
  await db.schema.createIndex('authorization_codes_user_id').on('authorization_codes').column('user_id').execute();

  await db.schema
    .createTable('device_codes')
    .addColumn('device_code_digest', 'text', (c) => c.primaryKey())
    .addColumn('user_code_digest', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('user_tenant_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('approval', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema.createIndex('device_codes_expires_at').on('device_codes').column('expires_at').execute();
  await db.schema.createIndex('device_codes_user').on('device_codes').columns(['user_tenant_id', 'user_id']).execute();
}

async function createRefreshTokenTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('refresh_token_families')
    .addColumn('family_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('reuse_detection', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('refresh_token_families_user').on('refresh_token_families').columns(['tenant_id', 'user_id']).execute();
  await db.schema.createIndex('refresh_token_families_expires_at').on('refresh_token_families').column('expires_at').execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_digest', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('refresh_token_families.family_id').onDelete(CASCADE))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .execute();
  await db.schema.createIndex('refresh_tokens_family_id').on('refresh_tokens').column('family_id').execute();
  await db.schema.createIndex('refresh_tokens_expires_at').on('refresh_tokens').column('expires_at').execute();
}

async function createSessionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_sessions')
    .addColumn('session_digest', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_sessions_expires_at').on('sso_sessions').column('expires_at').execute();

  await db.schema
    .createTable('sso_session_accounts')
    .addColumn('session_digest', 'text', (c) => c.notNull().references('sso_sessions.session_digest').onDelete(CASCADE))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('sid', 'text', (c) => c.notNull().unique())
    .addColumn('auth_time', 'text', (c) => c.notNull())
    .addColumn('amr', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('client_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('sso_session_accounts_pk', ['session_digest', 'tenant_id', 'user_id'])
    .execute();
  await db.schema.createIndex('sso_session_accounts_user').on('sso_session_accounts').columns(['tenant_id', 'user_id']).execute();
}

async function createCounterTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('failure_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_ends_at', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('failure_counters_expires_at').on('failure_counters').column('expires_at').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createCodeTables(db);
  await createRefreshTokenTables(db);
  await createSessionTables(db);
  await createCounterTable(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ['failure_counters', 'sso_session_accounts', 'sso_sessions', 'refresh_tokens', 'refresh_token_families', 'device_codes', 'authorization_codes'];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
