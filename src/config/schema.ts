/**
 * Process configuration: one typed object, validated at boot (shared/style.md convention 6).
 * Tenant-level policy lives in the database, not here. Defaults and their documentation are in
 * `defaults.ts`; sources (flags, TESSERA_* environment, config file) are merged in `load.ts`.
 */
import { z } from 'zod';
import { DatabaseUrlError, parseDatabaseUrl } from '../storage/database-url.js';

function checkDatabaseUrl(url: string, ctx: z.RefinementCtx): void {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
}

export const configSchema = z.object({
  /** Listening port. */
  port: z.number().int().min(0).max(65535),
  /** Listening address. */
  host: z.string().min(1),
  /**
   * Public base URL (issuer base), e.g. `https://login.example.com/tessera`. Defaults to
   * `https://localhost:<port>`. May carry a path prefix for running behind a proxy.
   */
  publicUrl: z.string().url().nullable(),
  /** Serve plain HTTP (only behind a TLS-terminating proxy; clients refuse http authorities). */
  http: z.boolean(),
  /** PEM certificate and key files to serve instead of the generated local CA's. */
  cert: z.string().nullable(),
  key: z.string().nullable(),
  /** Data directory: CA, server certificate, SQLite database, demo.json. */
  dataDir: z.string().min(1),
  /** Directory of the local CA and the server certificate; null: the data directory. */
  caDir: z.string().min(1).nullable(),
  /**
   * `sqlite:<path>` (or a file path), `:memory:`, or `postgres://…`. Default: `<dataDir>/tessera.db`.
   * Another URL scheme is refused here, before anything is created.
   */
  database: z.string().superRefine(checkDatabaseUrl).nullable(),
  /** Worker processes sharing the listener (node:cluster). 1 = single process. */
  workers: z.number().int().min(1).max(64),
  /** Extra DNS names / IPs for the generated server certificate. */
  hostNames: z.array(z.string()),
  /** Environment file to apply at start. */
  environment: z.string().nullable(),
  /** Do not create the demo environment on an empty database. */
  noDemo: z.boolean(),
  /** Log level for the pino logger. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Log line format: `text` (one readable line per entry), `json` (pino's JSON lines), `auto` (text on a terminal). */
  logFormat: z.enum(['auto', 'text', 'json']),
  /** Access-token lifetime bounds in seconds (Entra: random 60–90 minutes). */
  accessTokenLifetime: z.object({ min: z.number().int().min(300), max: z.number().int().min(300) }),
  /** Extra `Host` header values (`host` or `host:port`) accepted besides the certificate's names. */
  allowedHosts: z.array(z.string().min(1)),
  /** Time a client has to send the request headers (Node `headersTimeout`, TLS handshake too). */
  headersTimeoutMs: z.number().int().min(100),
  /** Time a client has to send the whole request, headers and body (Node `requestTimeout`). */
  requestTimeoutMs: z.number().int().min(100),
  /** Idle time before a kept-alive connection is closed. */
  keepAliveTimeoutMs: z.number().int().min(100),
  /** Open connections one client address may hold; 0 = no cap. */
  maxConnectionsPerAddress: z.number().int().min(0),
  /** Largest request body accepted, any content type. */
  bodyLimitBytes: z.number().int().min(1024),
  /** Window of the failed-authentication counters. */
  authThrottleWindowSeconds: z.number().int().min(1),
  /** Failed client authentications one address may make per window; 0 = no limit. */
  authThrottlePerAddress: z.number().int().min(0),
  /** Failed authentications of one client id from unfamiliar addresses per window; 0 = no limit. */
  authThrottlePerClient: z.number().int().min(0),
  /** What `GET /` shows: tenants, authorities, the CA and the demo ('full'), or that Tessera runs ('minimal'). */
  landingPage: z.enum(['full', 'minimal']),
});

export type TesseraConfig = z.infer<typeof configSchema>;
