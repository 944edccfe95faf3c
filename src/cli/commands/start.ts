/**
 * `tessera start`: configuration from flags, TESSERA_* variables and a config file (validated at
 * boot), then storage, keys, TLS, the environment or demo, and the HTTPS listener — in this
 * process, or in `--workers N` cluster workers. Stops gracefully on SIGTERM/SIGINT.
 *
 * Only option definitions load with the program (`tessera --help` stays fast); the server's
 * modules load when `start` runs. Before any file is touched, the configuration is validated and
 * the listening address is tried (server/listen-check.ts): a start that cannot listen changes
 * nothing. Output order: warnings, the environment or demo summary, then the "listening" line and,
 * unless the summary showed it, the line that tells how to trust the local CA.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { TesseraConfig } from '../../config/schema.js';
import { DataDirPermissionError } from '../../lib/private-files.js';
import type { Runtime } from '../../server/start.js';
import { CliFailure, UsageError } from '../errors.js';
import { collect, integer } from '../options.js';

interface StartFlags {
  port?: number;
  host?: string;
  publicUrl?: string;
  http?: boolean;
  cert?: string;
  key?: string;
  dataDir?: string;
  caDir?: string;
  database?: string;
  workers?: number;
  hostName?: string[];
  environment?: string;
  demo?: boolean;
  logLevel?: TesseraConfig['logLevel'];
  logFormat?: TesseraConfig['logFormat'];
  config?: string;
}

/** Registers `start` on the program. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the server (HTTPS, local CA in the data directory; demo environment on an empty database)')
    .option('--port <port>', 'listening port (default 8443; 0 picks a free one)', integer(0, 65535))
    .option('--host <address>', 'listening address (default localhost; 0.0.0.0 for every interface)')
    .option('--public-url <url>', 'public base URL (issuer base), may include a path prefix, e.g. https://id.example.com/tessera')
    .option('--http', 'serve plain HTTP: only behind a TLS-terminating proxy')
    .option('--cert <file>', 'PEM certificate to serve instead of the generated one (with --key)')
    .option('--key <file>', 'PEM private key of --cert')
    .option('--data-dir <dir>', 'data directory: local CA, server certificate, SQLite database, demo.json (default ./.tessera)')
    .option('--ca-dir <dir>', 'directory of the local CA and server certificate (default: the data directory); e.g. the per-user CA of `tessera ca path`')
    .option('--database <url>', 'postgres://…, sqlite:<file> or :memory: (default <data-dir>/tessera.db)')
    .option('--workers <n>', 'worker processes sharing the port (default 1)', integer(1, 64))
    .option('--host-name <name>', 'extra host name or IP for the server certificate (repeatable)', collect)
    .option('--environment <file>', 'environment file (YAML or JSON) applied at start')
    .option('--no-demo', 'do not create the demo environment on an empty database')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default info)')
    .option('--log-format <format>', 'text, json or auto: text on a terminal, else JSON lines (default auto)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action(async (flags: StartFlags) => {
      const workers = await import('../../server/workers.js');
      if (workers.isTesseraWorker()) return workers.runWorker();
      await start(await configFromFlags(flags));
    });
}

async function configFromFlags(flags: StartFlags): Promise<TesseraConfig> {
  const { loadConfig } = await import('../../config/load.js');
  const config = loadConfig({
    env: process.env,
    configFile: flags.config ?? null,
    flags: {
      port: flags.port,
      host: flags.host,
      publicUrl: flags.publicUrl,
      http: flags.http === true ? true : undefined,
      cert: flags.cert,
      key: flags.key,
      dataDir: flags.dataDir,
      caDir: flags.caDir,
      database: flags.database,
      workers: flags.workers,
      hostNames: flags.hostName,
      environment: flags.environment,
      noDemo: flags.demo === false ? true : undefined,
      logLevel: flags.logLevel,
      logFormat: flags.logFormat,
    },
  });
  if (config.workers > 1 && (config.database === ':memory:' || config.database === 'sqlite::memory:')) {
    throw new UsageError('--workers needs a shared database: an in-memory database is private to one process');
  }
  // Every path Tessera prints or writes (CA, certificates, demo.json, the database) is absolute:
  // a client in another directory can use it as printed.
  return { ...config, dataDir: resolve(config.dataDir), caDir: config.caDir === null ? null : resolve(config.caDir) };
}

async function start(config: TesseraConfig): Promise<void> {
  const [{ checkCanListen, listenErrorOf, ListenError }, { createRuntime, listen }, { onShutdownSignal }, { startWorkers }, { prepareEnvironment }] = await Promise.all([
    import('../../server/listen-check.js'),
    import('../../server/start.js'),
    import('../../server/shutdown.js'),
    import('../../server/workers.js'),
    import('../start-environment.js'),
  ]);
  // A bind failure is one line, exit code 1 (a taken port, an address not of this machine, ...).
  const bindFailure = (error: unknown) => {
    const described = listenErrorOf(error, config.host, config.port);
    return Promise.reject(described instanceof ListenError ? new CliFailure(described.message) : described);
  };
  // Nothing is created or rewritten before this: a bad --host or a taken port changes no file.
  await checkCanListen(config.host, config.port).catch(bindFailure);
  const runtime = await createRuntime(config).catch((error: unknown) => {
    // An unsafe or unusable data directory is the operator's to fix: one clear message, exit code 1.
    if (error instanceof DataDirPermissionError) throw new CliFailure(`Refusing to start: ${error.message}`);
    throw error;
  });
  printStartWarnings(runtime);
  let stop: () => Promise<void>;
  let url: string;
  try {
    const prepared = await prepareEnvironment(runtime);
    if (config.workers === 1) {
      const server = await listen(runtime).catch(bindFailure);
      url = server.url;
      stop = async () => {
        await server.app.close();
        await runtime.close();
      };
    } else {
      // The primary's work is done: workers open their own connections.
      await runtime.close();
      const pool = await startWorkers(config, config.workers, {
        onRestart: (info) => console.error(`worker ${info.pid ?? '?'} exited (${info.signal ?? `code ${info.code}`}); started a new one`),
        onFatal: (error) => {
          console.error(error.message);
          process.exit(1);
        },
      });
      url = pool.url;
      stop = () => pool.stop();
    }
    onShutdownSignal(stop, { onError: (error) => console.error(`shutdown failed: ${(error as Error).message}`) });
    // The summary first, the "listening" line last: on first start that line closes a long
    // summary, where a reader finds it. The trust line is printed once: by the summary when it
    // shows one, else in the ready block.
    const shownCa = await prepared.report(url);
    printReady(runtime, url, { showCa: !shownCa });
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

function printStartWarnings(runtime: Runtime): void {
  for (const warning of runtime.warnings) console.warn(`warning: ${warning}`);
  if (runtime.sealed) return;
  const where = runtime.storage.dialect.name === 'sqlite' ? 'protected by file permissions only' : 'readable by anyone who can read the database';
  console.warn(
    `warning: TESSERA_MASTER_KEY is not set: signing keys and TOTP secrets are stored unencrypted, ${where}; set TESSERA_MASTER_KEY (and keep it) to seal them`,
  );
}

function printReady(runtime: Runtime, url: string, options: { showCa: boolean }): void {
  const { config, tls } = runtime;
  const workers = config.workers > 1 ? ` with ${config.workers} workers` : '';
  // performance.now() counts from the process's start: module loading included, as a user waits for it.
  const lines = [`Tessera is listening on ${url}${workers} (ready in ${Math.round(performance.now())} ms; database ${runtime.databaseUrl})`];
  if (tls?.caFile) {
    if (tls.caCreated) lines.push(`Created a local certificate authority: ${tls.caFile}`);
    if (options.showCa) lines.push(`Trust it in Node.js clients:  export NODE_EXTRA_CA_CERTS=${tls.caFile}`);
  }
  if (config.http) lines.push('Serving plain HTTP (--http): put a TLS-terminating proxy in front; clients refuse http authorities.');
  if (config.landingPage === 'full') lines.push(`Open ${url}/ for each tenant's authority and discovery links, the CA and the docs.`);
  // One write: whoever reads the output sees the block whole once the first line is there.
  console.log(lines.join('\n'));
}
