/**
 * What every surface is built from (Logto's `buildHandler(envSet, queries)` idea): passed in
 * explicitly, never looked up from hidden state.
 */
import type { FastifyRequest } from 'fastify';
import type { TesseraConfig } from '../config/schema.js';
import type { Directory } from '../directory/directory.js';
import type { FailureLimiter } from '../protocol/throttle/failure-limiter.js';
import type { ProtocolState } from '../state/index.js';
import type { Storage } from '../storage/index.js';
import type { InstanceSecrets } from '../tokens/keys/instance-secret.js';
import type { KeyStore } from '../tokens/keys/keystore.js';
import type { LogStream } from './log-output.js';
import type { PublicUrls } from './public-url.js';

export interface AppDeps {
  config: TesseraConfig;
  storage: Storage;
  directory: Directory;
  keys: KeyStore;
  /** Protocol state: codes, SSO sessions, refresh-token families, device codes, counters. */
  state: ProtocolState;
  /** Keys derived from the instance secret: CSRF tokens, pairwise subject identifiers. */
  secrets: InstanceSecrets;
  urls: PublicUrls;
  /** The clock; tests may freeze it. */
  now: () => Date;
  /**
   * TLS material for HTTPS; null with `--http`. `caPem`: the local CA that issued `cert`, offered
   * for download on the landing page (null or absent with `--cert/--key`).
   */
  tls: { cert: string; key: string; caPem?: string | null } | null;
  /** Throttling of failed authentication (protocol/throttle/failure-limiter.ts). */
  authFailures: FailureLimiter;
  /** Where log lines go; default standard output (server/log-output.ts). */
  logDestination?: LogStream;
}


export type { FastifyRequest };
