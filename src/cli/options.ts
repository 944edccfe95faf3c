/**
 * Options shared by the commands: where the database is (`--database`, `--data-dir`,
 * `--config`), option parsers with usage errors, and opening the services the admin commands
 * are thin over (Directory, KeyStore) without starting a server. Every command module imports
 * this one to register itself, `--help` included: configuration, storage and the directory are
 * loaded only when a command opens them.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { TesseraConfig } from '../config/schema.js';
import type { Directory } from '../directory/directory.js';
import type { Tenant } from '../directory/types.js';
import { isGuid } from '../lib/ids.js';
import { DataDirPermissionError } from '../lib/private-files.js';
import type { Storage } from '../storage/index.js';
import type { KeyStore } from '../tokens/keys/keystore.js';
import { CliFailure, UsageError } from './errors.js';

/** The options every database-using command accepts. */
export interface StoreOptions {
  database?: string;
  dataDir?: string;
  config?: string;
}

/** Adds `--database`, `--data-dir` and `--config` to `command`. */
export function withStoreOptions(command: Command): Command {
  return command
    .option('--database <url>', 'database: postgres://…, sqlite:<file> or :memory: (default: <data-dir>/tessera.db)')
    .option('--data-dir <dir>', 'data directory (default: ./.tessera)')
    .option('--config <file>', 'configuration file (JSON or YAML)');
}

/** Integer option parser; a bad value is a usage error (exit code 2). */
export function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

/** Repeatable option collector (`--role A --role B`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `--permission "Microsoft Graph:User.Read.All,Mail.Read"` values → `{ 'Microsoft Graph': [...] }`,
 * the names as environment files write them (the resource may contain ':').
 */
export function parsePermissions(flag: string, values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const value of values) {
    const at = value.lastIndexOf(':');
    if (at <= 0 || at === value.length - 1) throw new UsageError(`${flag}: '${value}' is not "<resource>:<permission>[,<permission>…]"`);
    const resource = value.slice(0, at).trim();
    out[resource] = [...(out[resource] ?? []), ...value.slice(at + 1).split(',').map((p) => p.trim()).filter(Boolean)];
  }
  return out;
}

/** The configuration for a command's store options (flags > TESSERA_* > config file > defaults). */
export async function storeConfig(options: StoreOptions): Promise<TesseraConfig> {
  const { loadConfig } = await import('../config/load.js');
  return loadConfig({ flags: { database: options.database, dataDir: options.dataDir }, env: process.env, configFile: options.config ?? null });
}

/** Open services for an admin command; call `close()` when done. */
export interface AdminServices {
  config: TesseraConfig;
  storage: Storage;
  directory: Directory;
  keys: KeyStore;
  close(): Promise<void>;
}

/** Opens (and migrates) the database of `options` without starting a server. */
export async function openAdmin(options: StoreOptions): Promise<AdminServices> {
  const config = await storeConfig(options);
  const [{ databaseUrlOf, secureDataFiles }, { openStorage }, { createDirectory }, { createDatabaseKeyStore }] = await Promise.all([
    import('../server/start-database.js'),
    import('../storage/index.js'),
    import('../directory/index.js'),
    import('../tokens/keys/database-keystore.js'),
  ]);
  const url = databaseUrlOf(config);
  // Data directory 0700, database files 0600, as `tessera start` makes them.
  const warnings = await secureDataFiles(config, url).catch((error: unknown) => {
    throw error instanceof DataDirPermissionError ? new CliFailure(error.message) : error;
  });
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const storage = await openStorage(url);
  const directory = createDirectory(storage);
  const keys = createDatabaseKeyStore(storage, {});
  return { config, storage, directory, keys, close: () => storage.close() };
}

/** Runs `work` with open admin services, closing them afterwards. */
export async function withAdmin<T>(options: StoreOptions, work: (services: AdminServices) => Promise<T>): Promise<T> {
  const services = await openAdmin(options);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/**
 * A tenant by GUID, domain, or the short name of its initial domain (`contoso` for
 * contoso.onmicrosoft.com, as environment files accept it); without one, the only organization
 * tenant if there is exactly one.
 */
export async function resolveTenant(directory: Directory, ref: string | undefined): Promise<Tenant> {
  if (ref === undefined) {
    const organizations = (await directory.listTenants()).filter((t) => t.kind === 'organization');
    if (organizations.length === 1 && organizations[0]) return organizations[0];
    throw new UsageError(organizations.length === 0 ? 'no tenant exists yet: create one with `tessera tenants create <domain>`' : 'several tenants exist: choose one with --tenant <id, domain or name>');
  }
  if (isGuid(ref)) return (await directory.getTenant(ref)) ?? noTenant(ref);
  if (ref.toLowerCase() === 'consumers') return directory.ensureConsumersTenant();
  // As in environment files: `contoso` is the initial domain contoso.onmicrosoft.com.
  const { initialDomainOf } = await import('../environment/plan-tenants.js');
  return (await directory.findTenantByDomain(initialDomainOf(ref))) ?? noTenant(ref);
}

function noTenant(ref: string): never {
  throw new UsageError(`no tenant '${ref}' (give its id, one of its domains, or the name of its initial domain; see \`tessera tenants list\`)`);
}

/** The tenant's initial domain (`contoso.onmicrosoft.com`), or null (consumers). */
export function initialDomain(tenant: Tenant): string | null {
  return tenant.domains.find((d) => d.isInitial)?.name ?? null;
}
