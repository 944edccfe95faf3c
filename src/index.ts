/**
 * Tessera's in-process API for test suites (design.md "Environment files and first run"):
 * `startTessera({ environment })` boots a real HTTPS server on a random port over an in-memory
 * SQLite database and returns URLs, ids and credentials, and `close()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config/load.js';
import type { TesseraConfig } from './config/schema.js';
import type { Directory } from './directory/directory.js';
import { applyEnvironment, applyEnvironmentFile } from './environment/apply.js';
import { applyDemo } from './environment/demo-apply.js';
import type { AppliedApplication, AppliedEnvironment, AppliedGroup, AppliedTenant, AppliedUser } from './environment/result.js';
import type { EnvironmentInput } from './environment/schema.js';
import { openLogSink, type LogStream } from './server/log-output.js';
import { createRuntime, listen, type Runtime } from './server/start.js';
import { userCaDir } from './server/user-ca.js';
import type { ProtocolState } from './state/index.js';
import type { ClientSettings } from './clients/settings.js';
import type { InstanceSecrets } from './tokens/keys/instance-secret.js';
import type { KeyStore } from './tokens/keys/keystore.js';

export { buildApp } from './app.js';
export { loadConfig, ConfigError } from './config/load.js';
export type { TesseraConfig } from './config/schema.js';
export type * from './directory/directory.js';
export type * from './directory/types.js';
export type { KeyStore, SigningJwk, SigningKeyInfo } from './tokens/keys/keystore.js';
export { applyEnvironment, applyEnvironmentFile } from './environment/apply.js';
export { EnvironmentError } from './environment/errors.js';
export type { EnvironmentInput, Environment } from './environment/schema.js';
export type * from './environment/result.js';
export { DEMO } from './environment/demo-values.js';
export type { ClientSettings, MsalConfiguration } from './clients/settings.js';
export { userCaDir } from './server/user-ca.js';
export type { LogStream } from './server/log-output.js';

/** Options of {@link startTessera}. */
export interface StartTesseraOptions {
  /** An environment object, or the path of an environment file (YAML or JSON). */
  environment?: EnvironmentInput | string;
  /** Database URL. Default `':memory:'` (a private in-memory SQLite database). */
  database?: string;
  /**
   * Data directory (TLS material, demo files). Default: a fresh temporary directory, removed on
   * close, with certificates from the per-user CA (`caDir`).
   */
  dataDir?: string;
  /**
   * Directory of the local CA. Default: the data directory when `dataDir` is given, else the
   * per-user CA (`TESSERA_CA_DIR`, else `$XDG_DATA_HOME/tessera`, `~/.local/share/tessera`), one
   * CA for every in-process instance so a test runner can trust it once; `tessera ca path`.
   */
  caDir?: string;
  /** Listening port. Default 0: a free port. */
  port?: number;
  /** Listening address. Default `127.0.0.1`. */
  host?: string;
  /** Public base URL (issuer base). Default `https://localhost:<port>`. */
  publicUrl?: string;
  /** Default `'silent'`, or `'info'` with `logDestination`. */
  logLevel?: TesseraConfig['logLevel'];
  /**
   * Where log lines go: a file path (appended to) or a stream; default standard output. One line
   * per request at `info` (docs/configuration.md "Logs"); JSON unless `config.logFormat` is `'text'`.
   */
  logDestination?: string | LogStream;
  /** The clock (directory, keys, tokens). */
  now?: () => Date;
  /** Default true: no demo environment in-process unless `noDemo: false`. */
  noDemo?: boolean;
  /** Any other settings (docs/configuration.md), e.g. `{ requestTimeoutMs: 2000 }`. */
  config?: Partial<TesseraConfig>;
}

/** A running in-process Tessera. */
export interface TesseraInstance {
  /** Base URL, e.g. `https://localhost:53127`. */
  url: string;
  /** `${url}/${tenant}`; the tenant defaults to the environment's first organization tenant (else `common`). */
  authority(tenant?: string): string;
  /** The local CA's certificate (trust it with `ca` options or NODE_EXTRA_CA_CERTS). */
  caPem: string;
  /** Its absolute path. */
  caFile: string;
  /**
   * Settings that make each client library trust `caPem` in this process (no
   * NODE_EXTRA_CA_CERTS needed): `msal(auth)`, `identity`, `graph`, `fetch`, `dispatcher`, `agent`.
   */
  clients: ClientSettings;
  /** What the environment (and the demo, if asked) created. */
  tenants: AppliedTenant[];
  applications: AppliedApplication[];
  users: AppliedUser[];
  groups: AppliedGroup[];
  environment: AppliedEnvironment | null;
  port: number;
  app: FastifyInstance;
  directory: Directory;
  keys: KeyStore;
  /** Protocol state (SSO sessions, codes, ...): tests create sessions through it. */
  state: ProtocolState;
  /** Instance-secret keys (pairwise subjects, CSRF): tests compute expected `sub` values. */
  secrets: InstanceSecrets;
  close(): Promise<void>;
}

/** Boots Tessera in this process. */
export async function startTessera(options: StartTesseraOptions = {}): Promise<TesseraInstance> {
  const logs = options.logDestination !== undefined ? openLogSink(options.logDestination) : undefined;
  const tempDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'tessera-')) : null;
  const dataDir = options.dataDir ?? (tempDir as string);
  const config = loadConfig({
    env: {},
    flags: {
      ...options.config,
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      publicUrl: options.publicUrl ?? null,
      dataDir,
      caDir: options.caDir ?? (options.dataDir === undefined ? userCaDir() : null),
      database: options.database ?? ':memory:',
      logLevel: options.logLevel ?? (options.logDestination !== undefined ? 'info' : 'silent'),
      noDemo: options.noDemo ?? true,
    },
  });
  let runtime: Runtime | undefined;
  let clients: ClientSettings | undefined;
  const cleanup = async () => {
    await clients?.close();
    await runtime?.close();
    logs?.close();
    if (tempDir !== null) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    runtime = await createRuntime(config, { now: options.now, masterKey: null });
    const results: AppliedEnvironment[] = [];
    if (!config.noDemo) results.push((await applyDemo(runtime.directory, { dataDir, now: runtime.now })).applied);
    if (typeof options.environment === 'string') results.push(await applyEnvironmentFile(runtime.directory, options.environment));
    else if (options.environment !== undefined) results.push(await applyEnvironment(runtime.directory, options.environment));
    const server = await listen(runtime, logs ? { logDestination: logs.stream } : {});
    const tls = runtime.tls;
    const merged = merge(results);
    // The caller's own environment names the default tenant; the demo's comes second.
    const firstTenant = [...results].reverse().flatMap((r) => r.tenants).find((t) => t.kind === 'organization')?.id ?? 'common';
    const authority = (tenant = firstTenant) => `${server.url}/${tenant}`;
    // undici is loaded only by in-process instances, not by every importer of the package.
    const { createClientSettings } = await import('./clients/settings.js');
    clients = createClientSettings({ url: server.url, caPem: tls?.caPem ?? '', authority: () => authority() });
    let closed: Promise<void> | undefined;
    return {
      url: server.url,
      authority,
      caPem: tls?.caPem ?? '',
      caFile: tls?.caFile ?? '',
      clients,
      tenants: merged?.tenants ?? [],
      applications: merged?.applications ?? [],
      users: merged?.users ?? [],
      groups: merged?.groups ?? [],
      environment: merged,
      port: server.port,
      app: server.app,
      directory: runtime.directory,
      keys: runtime.keys,
      state: runtime.state,
      secrets: runtime.secrets,
      close: () => (closed ??= server.app.close().then(cleanup)),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function merge(results: AppliedEnvironment[]): AppliedEnvironment | null {
  const [first, ...rest] = results;
  if (first === undefined) return null;
  return rest.reduce((a, b) => ({
    tenants: [...a.tenants, ...b.tenants],
    users: [...a.users, ...b.users],
    groups: [...a.groups, ...b.groups],
    applications: [...a.applications, ...b.applications],
    created: Object.fromEntries(Object.entries(a.created).map(([k, v]) => [k, v + b.created[k as keyof typeof a.created]])) as AppliedEnvironment['created'],
    warnings: [...a.warnings, ...b.warnings],
  }), first);
}
