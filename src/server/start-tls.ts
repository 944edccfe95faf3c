/**
 * Which certificate the listener serves (design.md "The shape at runtime"): none with `--http`
 * (behind a TLS-terminating proxy), the operator's with `--cert/--key`, otherwise the local CA's
 * server certificate from the data directory, created on first start and reused afterwards.
 */
import type { TesseraConfig } from '../config/schema.js';
import { ensureTlsMaterial, loadTlsFiles } from './tls.js';

/** TLS material of a running server, plus the local CA when Tessera issued the certificate. */
export interface ServerTls {
  cert: string;
  key: string;
  /** The local CA users trust (null with `--cert/--key`). */
  caPem: string | null;
  caFile: string | null;
  /** The local CA was created by this start: tell the user how to trust it. */
  caCreated: boolean;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', 'localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Host names the server certificate must cover and whose Host header may become the issuer base:
 * `--host-name` values plus a specific `--host` (a wildcard address names no host).
 */
export function serverHostNames(config: Pick<TesseraConfig, 'host' | 'hostNames'>): string[] {
  const names = [...config.hostNames];
  if (!WILDCARD_HOSTS.has(config.host) && !names.includes(config.host)) names.push(config.host);
  return names;
}

/** Resolves the TLS material for `config` (null: plain HTTP). */
export async function resolveServerTls(config: TesseraConfig, options: { now?: () => Date } = {}): Promise<ServerTls | null> {
  if (config.http) return null;
  if (config.cert !== null && config.key !== null) {
    const { certPem, keyPem } = await loadTlsFiles(config.cert, config.key);
    return { cert: certPem, key: keyPem, caPem: null, caFile: null, caCreated: false };
  }
  const names = serverHostNames(config);
  // A public URL on this server's own TLS (no proxy in front) must be covered too.
  if (config.publicUrl !== null) {
    const host = new URL(config.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
    if (!WILDCARD_HOSTS.has(host) && !names.includes(host)) names.push(host);
  }
  const material = await ensureTlsMaterial(config.caDir ?? config.dataDir, names, options);
  return { cert: material.certPem, key: material.keyPem, caPem: material.caPem, caFile: material.caFile, caCreated: material.created };
}
