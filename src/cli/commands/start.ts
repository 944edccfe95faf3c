/**
 * `tessera start`: configuration from flags, TESSERA_* variables and a config file (validated at
 * boot), then storage, keys, TLS, the environment or demo, and the HTTPS listener — in this
 * process, or in `--workers N` cluster workers. Stops gracefully on SIGTERM/SIGINT.
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { TesseraConfig } from '../../config/schema.js';
import { DataDirPermissionError } from '../../lib/private-files.js';
import { onShutdownSignal } from '../../server/shutdown.js';
import { createRuntime, listen, type Runtime } from '../../server/start.js';
import { isTesseraWorker, runWorker, startWorkers } from '../../server/workers.js';
import { CliFailure, UsageError } from '../errors.js';
import { collect, integer } from '../options.js';
import { prepareEnvironment } from '../start-environment.js';

interface StartFlags {
  port?: number;
  host?: string;
  publicUrl?: string;
  http?: boolean;
  cert?: string;
  key?: string;
  dataDir?: string;
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
    .option('--database <url>', 'postgres://…, sqlite:<file> or :memory: (default <data-dir>/tessera.db)')
    .option('--workers <n>', 'worker processes sharing the port (default 1)', integer(1, 64))
    .option('--host-name <name>', 'extra host name or IP for the server certificate (repeatable)', collect)
    .option('--environment <file>', 'environment file (YAML or JSON) applied at start')
    .option('--no-demo', 'do not create the demo environment on an empty database')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default info)')
    .option('--log-format <format>', 'text, json or auto: text on a terminal, else JSON lines (default auto)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action(async (flags: StartFlags) => {
      if (isTesseraWorker()) return runWorker();
      await start(configFromFlags(flags));
    });
}

function configFromFlags(flags: StartFlags): TesseraConfig {
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
  return config;
}

async function start(config: TesseraConfig): Promise<void> {
  const startedAt = performance.now();
  const runtime = await createRuntime(config).catch((error: unknown) => {
    // An unsafe data directory is the operator's to fix: one clear message, exit code 1.
    if (error instanceof DataDirPermissionError) throw new CliFailure(`Refusing to start: ${error.message}`);
    throw error;
  });
  printStartWarnings(runtime);
  let stop: () => Promise<void>;
  let url: string;
  try {
    const prepared = await prepareEnvironment(runtime);
    if (config.workers === 1) {
      const server = await listen(runtime).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new CliFailure(`${config.host}:${config.port} is already in use: choose another --port`);
        throw error;
      });
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
    printReady(runtime, url, performance.now() - startedAt);
    await prepared.report(url);
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

function printReady(runtime: Runtime, url: string, elapsedMs: number): void {
  const { config, tls } = runtime;
  const workers = config.workers > 1 ? ` with ${config.workers} workers` : '';
  console.log(`Tessera is listening on ${url}${workers} (ready in ${Math.round(elapsedMs)} ms; database ${runtime.databaseUrl})`);
  if (tls?.caFile) {
    const ca = relative(process.cwd(), tls.caFile).startsWith('..') ? tls.caFile : relative(process.cwd(), tls.caFile);
    if (tls.caCreated) console.log(`Created a local certificate authority: ${ca}`);
    console.log(`Trust it in Node.js clients:  export NODE_EXTRA_CA_CERTS=${ca}`);
  }
  if (config.http) console.log('Serving plain HTTP (--http): put a TLS-terminating proxy in front; clients refuse http authorities.');
}
