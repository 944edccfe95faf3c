/** Shared helpers of the conformance suite. */
import { randomBytes } from 'node:crypto';
import { createDirectory, type Directory, type Tenant } from '../../../src/directory/index.js';
import type { OpenStorageOptions, Storage } from '../../../src/storage/index.js';

export interface Suite {
  /** Open another Storage on the same database (closed by the suite). */
  open(options?: OpenStorageOptions): Promise<Storage>;
  /** False for `:memory:`, where every open is a database of its own. */
  readonly sharedDatabase: boolean;
  /** The Storage opened before the tests. */
  readonly storage: Storage;
  /** The database URL, for cases that open it from another process (shared databases only). */
  readonly url?: string;
}

/** A directory over the suite's storage; cache on by default, as in production. */
export function directoryOf(suite: Suite, options: { cacheTtlMs?: number; now?: () => Date; masterKey?: string | null } = {}): Directory {
  return createDirectory(suite.storage, options);
}

/** A short random label so tests on a shared database never collide. */
export function label(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** Create a fresh tenant with a unique initial domain and optional custom domains. */
export async function freshTenant(directory: Directory, customDomains: string[] = []): Promise<Tenant> {
  const name = label('contoso');
  return directory.createTenant({ displayName: `Tenant ${name}`, initialDomain: name, customDomains });
}

/** The initial domain of a tenant. */
export function initialDomain(tenant: Tenant): string {
  const domain = tenant.domains.find((d) => d.isInitial);
  if (domain === undefined) throw new Error('tenant without initial domain');
  return domain.name;
}

/** The tables of migration 0002 (protocol state). */
export const PROTOCOL_STATE_TABLES = [
  'authorization_codes', 'refresh_token_families', 'refresh_tokens', 'sso_sessions', 'sso_session_accounts', 'device_codes', 'failure_counters',
] as const;

/** Every text value in every table, for "the secret is stored nowhere" assertions. */
export async function allStoredText(storage: Storage): Promise<string[]> {
  const tables = [
    'tenants', 'domains', 'users', 'directory_role_assignments', 'groups', 'group_members', 'applications',
    'password_credentials', 'key_credentials', 'federated_identity_credentials', 'service_principals',
    'oauth2_permission_grants', 'app_role_assignments', 'signing_keys', 'settings',
    ...PROTOCOL_STATE_TABLES,
  ] as const;
  const values: string[] = [];
  for (const table of tables) {
    const rows = await storage.db.selectFrom(table).selectAll().execute();
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === 'string') values.push(value);
  }
  return values;
}

/** Rejects with a directory error of this class and code. */
export async function rejectsWith(promise: Promise<unknown>, kind: string, code?: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const e = error as { kind?: string; code?: string; message?: string };
    if (e.kind !== kind || (code !== undefined && e.code !== code)) {
      throw new Error(`expected ${kind}${code ? `/${code}` : ''}, got ${String(e.kind)}/${String(e.code)}: ${String(e.message)}`, { cause: error });
    }
    return;
  }
  throw new Error(`expected ${kind}${code ? `/${code}` : ''}, but it resolved`);
}

/** `skip` for cases that need several connections to one database: false, or the reason. */
export function needsSharedDatabase(suite: Pick<Suite, 'sharedDatabase'>): false | string {
  return suite.sharedDatabase ? false : 'needs one database shared by several connections; every :memory: open is its own database';
}

/** `skip` for cases that open the database from another process: false, or the reason. */
export function needsDatabaseUrl(suite: Pick<Suite, 'url'>): false | string {
  return suite.url !== undefined ? false : 'needs a database URL another process can open (not :memory:)';
}
