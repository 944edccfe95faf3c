/**
 * Start-up orchestration (shared/style.md: build/listen split): open storage (migrating it),
 * the Directory, the KeyStore with its keys, the consumers tenant, TLS material and public URLs;
 * then `buildApp` and listen. The CLI, the worker processes and `startTessera` all go through
 * here, so a server started any way is built the same way.
 */
import { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { TesseraConfig } from '../config/schema.js';
import type { Directory } from '../directory/directory.js';
import { createDirectory } from '../directory/index.js';
import { createMemoryFailureLimiter } from '../protocol/throttle/failure-limiter.js';
import { createProtocolState, type ProtocolState } from '../state/index.js';
import { openStorage, type Storage } from '../storage/index.js';
import { masterKeyFrom } from '../lib/master-key.js';
import { createDatabaseKeyStore } from '../tokens/keys/database-keystore.js';
import { loadInstanceSecrets, type InstanceSecrets } from '../tokens/keys/instance-secret.js';
import type { KeyStore } from '../tokens/keys/keystore.js';
import type { AppDeps } from './deps.js';
import type { LogStream } from './log-output.js';
import { databaseUrlOf, secureDataFiles } from './start-database.js';
import { createPublicUrls, type PublicUrls } from './public-url.js';
import { resolveServerTls, serverHostNames, type ServerTls } from './start-tls.js';

/** Everything a server is built from, open and ready; `close()` releases the database. */
export interface Runtime {
  config: TesseraConfig;
  storage: Storage;
  directory: Directory;
  keys: KeyStore;
  /** Protocol state (codes, sessions, refresh tokens, ...); its sweeper runs until `close()`. */
  state: ProtocolState;
  /** Keys derived from the instance secret (CSRF tokens, pairwise subjects). */
  secrets: InstanceSecrets;
  tls: ServerTls | null;
  now: () => Date;
  /** The database URL actually opened. */
  databaseUrl: string;
  /** Whether TESSERA_MASTER_KEY seals signing keys and TOTP secrets (false: plaintext at rest). */
  sealed: boolean;
  /** File modes tightened at start, one line each, for the CLI to print. */
  warnings: string[];
  close(): Promise<void>;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  now?: () => Date;
  /** TESSERA_MASTER_KEY; `undefined` reads the environment, `null` disables sealing. */
  masterKey?: string | null;
  /**
   * Make sure signing keys and the consumers tenant exist (default true). Worker processes pass
   * false: the primary did it once before forking them.
   */
  prepare?: boolean;
}

/** Opens storage, directory and keys; prepares keys and the consumers tenant; loads TLS. */
export async function createRuntime(config: TesseraConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const now = options.now ?? (() => new Date());
  const databaseUrl = databaseUrlOf(config);
  const warnings = await secureDataFiles(config, databaseUrl);
  // One reading of TESSERA_MASTER_KEY for the keystore and the directory (TOTP secrets).
  const masterKey = options.masterKey === undefined ? process.env.TESSERA_MASTER_KEY || null : options.masterKey;
  const storage = await openStorage(databaseUrl);
  try {
    // Derived once (scrypt) and shared by the directory, the keystore and the instance secret.
    const sealing = masterKeyFrom(masterKey);
    const directory = createDirectory(storage, { now, masterKey: sealing });
    const keys = createDatabaseKeyStore(storage, { masterKey: sealing, now });
    if (options.prepare !== false) {
      await keys.ensureKeys();
      await directory.ensureConsumersTenant();
      // A master key set after TOTP secrets were stored: seal them now (one query otherwise).
      await directory.sealTotpSecrets();
    }
    // Real clock on purpose: clients check the server certificate against theirs, even when a
    // test freezes Tessera's clock.
    const tls = await resolveServerTls(config);
    const secrets = await loadInstanceSecrets(storage, sealing);
    const state = createProtocolState(storage, { now });
    state.startSweeper();
    const close = () => state.close().then(() => storage.close());
    return { config, storage, directory, keys, state, secrets, tls, now, databaseUrl, sealed: masterKey !== null, warnings, close };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** A listening server. */
export interface RunningServer {
  app: FastifyInstance;
  /** The bound port (the real one when the config said 0). */
  port: number;
  /** The default public base URL (issuer base), e.g. `https://localhost:8443`. */
  url: string;
  urls: PublicUrls;
}

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Where log lines go (default standard output). */
  logDestination?: LogStream;
}

/**
 * Builds the app over `runtime` and listens on `config.host:config.port`. With port 0 the public
 * URL follows the port the system picked.
 */
export async function listen(runtime: Runtime, options: ListenOptions = {}): Promise<RunningServer> {
  const { config } = runtime;
  const hostNames = serverHostNames(config);
  const late = latePublicUrls({
    publicUrl: config.publicUrl,
    http: config.http,
    port: config.port,
    hostNames,
    certificateNames: runtime.tls ? certificateNames(runtime.tls.cert) : [],
    allowedHosts: config.allowedHosts,
  });
  const deps: AppDeps = {
    config,
    storage: runtime.storage,
    directory: runtime.directory,
    keys: runtime.keys,
    state: runtime.state,
    secrets: runtime.secrets,
    urls: late.urls,
    now: runtime.now,
    tls: runtime.tls ? { cert: runtime.tls.cert, key: runtime.tls.key, caPem: runtime.tls.caPem } : null,
    // In memory, per process (per worker with --workers); see failure-limiter.ts.
    authFailures: createMemoryFailureLimiter({
      windowSeconds: config.authThrottleWindowSeconds,
      perAddress: config.authThrottlePerAddress,
      perClient: config.authThrottlePerClient,
      // The server's clock, so a test that moves it moves the windows too.
      now: () => runtime.now().getTime(),
    }),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  };
  const app = await buildApp(deps);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  if (port !== config.port) late.setPort(port);
  return { app, port, url: late.urls.defaultBase, urls: late.urls };
}

/** PublicUrls whose default base can follow the port chosen at listen time (port 0). */
function latePublicUrls(options: Parameters<typeof createPublicUrls>[0]): { urls: PublicUrls; setPort(port: number): void } {
  let inner = createPublicUrls(options);
  const urls: PublicUrls = {
    baseFor: (request) => inner.baseFor(request),
    originFor: (request) => inner.originFor(request),
    trustedOrigin: (host) => inner.trustedOrigin(host),
    isOwnBase: (base) => inner.isOwnBase(base),
    get pathPrefix() {
      return inner.pathPrefix;
    },
    get defaultBase() {
      return inner.defaultBase;
    },
  };
  return { urls, setPort: (port) => (inner = createPublicUrls({ ...options, port })) };
}

/**
 * DNS and IP names of the served certificate's subjectAltName (the operator's with `--cert`):
 * the host names a client can reach this server by without a TLS error, hence trusted origins.
 */
export function certificateNames(certPem: string): string[] {
  let san: string | undefined;
  try {
    san = new X509Certificate(certPem).subjectAltName;
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of (san ?? '').split(/,\s*/)) {
    if (entry.startsWith('DNS:')) names.push(entry.slice(4));
    else if (entry.startsWith('IP Address:')) {
      const ip = entry.slice('IP Address:'.length);
      // Node spells IPv6 in full; the Host header carries the short, bracketed form.
      names.push(ip.includes(':') ? new URL(`https://[${ip}]`).hostname : ip);
    }
  }
  return names;
}
