/**
 * Configuration defaults. Each entry's doc comment is the documentation: `docs/configuration.md`
 * is generated from this file (`node scripts/gen-config-docs.mjs`), and a test checks for drift.
 */
import type { TesseraConfig } from './schema.js';

export const defaults: TesseraConfig = {
  /** Listening port (`--port`, `TESSERA_PORT`). */
  port: 8443,
  /** Listening address (`--host`, `TESSERA_HOST`). Use `0.0.0.0` to listen on every interface. */
  host: 'localhost',
  /** Public base URL, the issuer base (`--public-url`, `TESSERA_PUBLIC_URL`); may include a path prefix. Default: `https://localhost:<port>`, or the request's own host when it is one of the certificate's names. */
  publicUrl: null,
  /** Serve plain HTTP, only behind a TLS-terminating proxy (`--http`, `TESSERA_HTTP=1`). Clients refuse http authorities. */
  http: false,
  /** PEM certificate file to serve instead of the generated one (`--cert`, `TESSERA_CERT`). */
  cert: null,
  /** PEM private key file for `--cert` (`--key`, `TESSERA_KEY`). */
  key: null,
  /** Data directory: local CA, server certificate, SQLite database, demo.json (`--data-dir`, `TESSERA_DATA_DIR`). */
  dataDir: '.tessera',
  /** Database: `postgres://…`, `sqlite:<file>` or `:memory:` (`--database`, `TESSERA_DATABASE`). Default: `<data-dir>/tessera.db`. */
  database: null,
  /** Worker processes sharing the listener (`--workers`, `TESSERA_WORKERS`). */
  workers: 1,
  /** Extra host names or IP addresses for the generated server certificate (`--host-name`, `TESSERA_HOST_NAMES`, comma-separated). */
  hostNames: [],
  /** Environment file applied at start (`--environment`, `TESSERA_ENVIRONMENT`). */
  environment: null,
  /** Do not create the demo environment on an empty database (`--no-demo`, `TESSERA_NO_DEMO=1`). */
  noDemo: false,
  /** Log level (`--log-level`, `TESSERA_LOG_LEVEL`): fatal, error, warn, info, debug, trace, silent. */
  logLevel: 'info',
  /** Access-token lifetime range in seconds; each token gets a random lifetime in it, as Entra's 60–90 minutes (`TESSERA_ACCESS_TOKEN_LIFETIME=min-max`). */
  accessTokenLifetime: { min: 3600, max: 5400 },
};
