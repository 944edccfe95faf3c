/**
 * Configuration defaults. Each entry's doc comment is the documentation: `docs/configuration.md`
 * is generated from this file (`npx tsx scripts/gen-docs.ts`), and a test checks for drift.
 */
import type { TesseraConfig } from './schema.js';

export const defaults: TesseraConfig = {
  /** Listening port (`--port`, `TESSERA_PORT`). */
  port: 8443,
  /** Listening address (`--host`, `TESSERA_HOST`). Use `0.0.0.0` to listen on every interface. */
  host: 'localhost',
  /** Public base URL, the issuer base (`--public-url`, `TESSERA_PUBLIC_URL`); may include a path prefix. Default: `https://localhost:<port>`, or the request's own host when it is one of the certificate's names on the listened port (see `allowedHosts`). */
  publicUrl: null,
  /** Serve plain HTTP, only behind a TLS-terminating proxy (`--http`, `TESSERA_HTTP=1`). Clients refuse http authorities. */
  http: false,
  /** PEM certificate file to serve instead of the generated one (`--cert`, `TESSERA_CERT`). */
  cert: null,
  /** PEM private key file for `--cert` (`--key`, `TESSERA_KEY`). */
  key: null,
  /** Data directory: local CA, server certificate, SQLite database, demo.json (`--data-dir`, `TESSERA_DATA_DIR`). */
  dataDir: '.tessera',
  /** Directory of the local CA and the server certificate (`--ca-dir`, `TESSERA_CA_DIR`). Default: the data directory. `startTessera()` without a `dataDir` uses the per-user CA instead (`tessera ca path` prints it). */
  caDir: null,
  /** Database: `postgres://…` (or `postgresql://…`), `sqlite:<file>` or a plain file path, or `:memory:` (`--database`, `TESSERA_DATABASE`); another URL scheme is refused before anything is created. Default: `<data-dir>/tessera.db`. */
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
  /** Log format (`--log-format`, `TESSERA_LOG_FORMAT`): `text`, one readable line per entry; `json`, pino's JSON lines; `auto`, text when standard output is a terminal, else JSON. At `info` every request logs one line (see Logs below). */
  logFormat: 'auto',
  /** Access-token lifetime range in seconds; each token gets a random lifetime in it, as Entra's 60–90 minutes (`TESSERA_ACCESS_TOKEN_LIFETIME=min-max`). */
  accessTokenLifetime: { min: 3600, max: 5400 },
  /** Extra `Host` header values (`name` or `name:port`, `TESSERA_ALLOWED_HOSTS`, comma-separated) the server answers besides the names its certificate covers on the listened port and, with `--public-url`, that URL's host (direct access on the listened port stays allowed: a reverse proxy may or may not pass the public Host on). Any other `Host` gets 421 Misdirected Request (Entra JSON `invalid_request` AADSTS9002313 on protocol paths, Graph `MisdirectedRequest` on `/v1.0` and `/beta`) and never a token. Without `--public-url` an allowed host also becomes an issuer base; with it, every accepted host is answered with the public URL's issuer. */
  allowedHosts: [],
  /** Milliseconds a client has to complete the TLS handshake, and to send a request's headers (`TESSERA_HEADERS_TIMEOUT_MS`); slow-header (slowloris) connections and connections that send no request are closed after it. */
  headersTimeoutMs: 10000,
  /** Milliseconds a client has to send the whole request, headers and body (`TESSERA_REQUEST_TIMEOUT_MS`); must not be below `headersTimeoutMs`. */
  requestTimeoutMs: 30000,
  /** Milliseconds an idle kept-alive connection stays open (`TESSERA_KEEP_ALIVE_TIMEOUT_MS`). */
  keepAliveTimeoutMs: 5000,
  /** Open connections one client address may hold; further ones are closed at once (`TESSERA_MAX_CONNECTIONS_PER_ADDRESS`, 0 = no cap). Per process: with `--workers N` each worker counts its own. */
  maxConnectionsPerAddress: 256,
  /** Largest request body in bytes, any content type (`TESSERA_BODY_LIMIT_BYTES`). A larger `Content-Length` gets 413 before the body is read; a chunked body is cut when it passes the limit. */
  bodyLimitBytes: 1048576,
  /** Window in seconds of the failed-authentication counters (`TESSERA_AUTH_THROTTLE_WINDOW_SECONDS`); a throttled caller is told to retry when its window ends. */
  authThrottleWindowSeconds: 60,
  /** Failed client authentications (wrong secret, bad assertion, unknown client) one address may make per window before its attempts get 429 AADSTS50196 with `Retry-After` (`TESSERA_AUTH_THROTTLE_PER_ADDRESS`, 0 = no limit). The address is the TCP peer's: behind a reverse proxy every client shares the proxy's. Counters are in memory, per process: with `--workers N` each worker counts its own. */
  authThrottlePerAddress: 50,
  /** Failed authentications of one client id from addresses that have not recently authenticated it, per window, before such addresses get 429 for that client (`TESSERA_AUTH_THROTTLE_PER_CLIENT`, 0 = no limit). Addresses where the client recently succeeded are not affected. In memory, per process. */
  authThrottlePerClient: 50,
  /** What the landing page at the public URL's root (`GET /`, `TESSERA_LANDING_PAGE`) shows. `'full'`: the version, issuer base, database kind, the tenants (the first 50) with their domains and authority, discovery and JWKS links, the local CA's download link, the demo credentials when the demo environment is present, and the docs; with `Accept: application/json`, demo.json's shape for those tenants — users' names, roles and MFA, applications' client ids and redirect URIs (50 of each per tenant) — without any secret, password or server file path. `'minimal'`: only that Tessera is running, its version and the docs (JSON `{}`), for a deployment that should not list its tenants, users and apps to anonymous visitors. Either way `/ca.pem` (when Tessera has its own CA) and `/docs/<name>.md` are served, and a visit writes nothing to storage. */
  landingPage: 'full',
};
