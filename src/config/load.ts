/**
 * Merge configuration sources, highest first: command-line flags, `TESSERA_*` environment
 * variables, an optional config file (JSON or YAML, `--config` / `TESSERA_CONFIG`), defaults.
 * The result is validated once, at boot, with readable messages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaults } from './defaults.js';
import { ConfigError } from './errors.js';
import { configSchema, type TesseraConfig } from './schema.js';

export { ConfigError } from './errors.js';

// yaml is loaded only for a YAML config file (synchronously, as loadConfig is): most starts have
// none, and loading it costs a warm start tens of milliseconds. yaml's Node entry is CommonJS.
const requireModule = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (requireModule('yaml') as typeof import('yaml')).parse(text);

type Partial1 = { [K in keyof TesseraConfig]?: TesseraConfig[K] };

export interface ConfigSources {
  flags?: Partial1;
  env?: NodeJS.ProcessEnv;
  configFile?: string | null;
}

export function loadConfig(sources: ConfigSources = {}): TesseraConfig {
  const env = sources.env ?? {};
  const file = sources.configFile ?? env.TESSERA_CONFIG ?? null;
  const merged = { ...defaults, ...(file ? readConfigFile(file) : {}), ...fromEnv(env), ...stripUndefined(sources.flags ?? {}) };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if ((config.cert === null) !== (config.key === null)) throw new ConfigError('Invalid configuration:\n  cert/key: give both --cert and --key, or neither');
  if (config.accessTokenLifetime.min > config.accessTokenLifetime.max) {
    throw new ConfigError('Invalid configuration:\n  accessTokenLifetime: min must not exceed max');
  }
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ConfigError('Invalid configuration:\n  headersTimeoutMs: must not exceed requestTimeoutMs');
  }
  return config;
}

function readConfigFile(path: string): Partial1 {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    const value: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected an object');
    return value as Partial1;
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}

function fromEnv(env: NodeJS.ProcessEnv): Partial1 {
  const out: Partial1 = {};
  const num = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new ConfigError(`Invalid configuration:\n  ${name}: expected a number, got '${raw}'`);
    return n;
  };
  const bool = (name: string): boolean | undefined => (env[name] === undefined ? undefined : /^(1|true|yes)$/i.test(env[name] ?? ''));
  const str = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const lifetime = str('TESSERA_ACCESS_TOKEN_LIFETIME');
  Object.assign(
    out,
    stripUndefined({
      port: num('TESSERA_PORT'),
      host: str('TESSERA_HOST'),
      publicUrl: str('TESSERA_PUBLIC_URL'),
      http: bool('TESSERA_HTTP'),
      cert: str('TESSERA_CERT'),
      key: str('TESSERA_KEY'),
      dataDir: str('TESSERA_DATA_DIR'),
      caDir: str('TESSERA_CA_DIR'),
      database: str('TESSERA_DATABASE'),
      workers: num('TESSERA_WORKERS'),
      hostNames: str('TESSERA_HOST_NAMES')?.split(',').map((s) => s.trim()).filter(Boolean),
      environment: str('TESSERA_ENVIRONMENT'),
      noDemo: bool('TESSERA_NO_DEMO'),
      logLevel: str('TESSERA_LOG_LEVEL') as TesseraConfig['logLevel'] | undefined,
      logFormat: str('TESSERA_LOG_FORMAT') as TesseraConfig['logFormat'] | undefined,
      accessTokenLifetime: lifetime ? parseRange(lifetime) : undefined,
      allowedHosts: str('TESSERA_ALLOWED_HOSTS')?.split(',').map((s) => s.trim()).filter(Boolean),
      headersTimeoutMs: num('TESSERA_HEADERS_TIMEOUT_MS'),
      requestTimeoutMs: num('TESSERA_REQUEST_TIMEOUT_MS'),
      keepAliveTimeoutMs: num('TESSERA_KEEP_ALIVE_TIMEOUT_MS'),
      maxConnectionsPerAddress: num('TESSERA_MAX_CONNECTIONS_PER_ADDRESS'),
      bodyLimitBytes: num('TESSERA_BODY_LIMIT_BYTES'),
      authThrottleWindowSeconds: num('TESSERA_AUTH_THROTTLE_WINDOW_SECONDS'),
      authThrottlePerAddress: num('TESSERA_AUTH_THROTTLE_PER_ADDRESS'),
      authThrottlePerClient: num('TESSERA_AUTH_THROTTLE_PER_CLIENT'),
      landingPage: str('TESSERA_LANDING_PAGE') as TesseraConfig['landingPage'] | undefined,
    }),
  );
  return out;
}

function parseRange(raw: string): { min: number; max: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
  if (!m) throw new ConfigError(`Invalid configuration:\n  TESSERA_ACCESS_TOKEN_LIFETIME: expected seconds or min-max, got '${raw}'`);
  const min = Number(m[1]);
  return { min, max: m[2] ? Number(m[2]) : min };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
