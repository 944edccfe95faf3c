/**
 * Where Tessera says it lives, and which `Host` headers it answers. Issuers and endpoint URLs must
 * be on the same scheme, host and port as the authority the client used (spec/clients.md item 3),
 * so with no `--public-url` the base follows the request's Host header — but only for trusted
 * origins, computed once at listen time: the names the server certificate covers (plus
 * `--host-name`s and `allowedHosts`) on the port actually listened on. Any other Host is refused
 * before routing (src/server/edge-guards.ts), so a forged Host never becomes an issuer or an
 * accepted client-assertion audience, and Graph accepts only issuers on trusted origins.
 */
import type { FastifyRequest } from 'fastify';

export interface PublicUrls {
  /** Base URL (no trailing slash) for this request: the issuer base, protocol prefix included. */
  baseFor(request: FastifyRequest): string;
  /** Path prefix of the protocol surface (`''` or `/prefix`), from `--public-url`. */
  readonly pathPrefix: string;
  /** Origin (scheme://host:port) Graph links use for this request. */
  originFor(request: FastifyRequest): string;
  /**
   * The origin a request with this `Host` header is answered on, or undefined when the header
   * names no trusted origin (the request gets 421). A missing header (HTTP/1.0) is the default.
   */
  trustedOrigin(host: string | undefined): string | undefined;
  /** Is `base` (an issuer base we may have put in a token) one of our trusted origins? */
  isOwnBase(base: string): boolean;
  /** The default base (config or `https://localhost:<port>`). */
  readonly defaultBase: string;
}

export interface PublicUrlOptions {
  publicUrl: string | null;
  http: boolean;
  /** The port actually listened on. */
  port: number;
  /** `--host-name`s (and a specific `--host`). */
  hostNames: string[];
  /** Names the served certificate covers (its subjectAltName DNS and IP entries). */
  certificateNames?: string[];
  /** Extra Host header values, `name` or `name:port` (config `allowedHosts`). */
  allowedHosts?: string[];
}

export function createPublicUrls(options: PublicUrlOptions): PublicUrls {
  const scheme = options.http ? 'http' : 'https';
  const defaultPort = options.http ? 80 : 443;
  const port = options.port;
  const originOfName = (name: string) => (port === defaultPort ? `${scheme}://${name}` : `${scheme}://${name}:${port}`);
  const configured = options.publicUrl ? new URL(options.publicUrl) : null;
  const pathPrefix = configured ? configured.pathname.replace(/\/+$/, '') : '';
  const defaultBase = configured ? `${configured.origin}${pathPrefix}` : originOfName('localhost');
  const defaultOrigin = configured ? configured.origin : defaultBase;

  // Host header value (lower case) → origin it is answered on.
  const trusted = new Map<string, string>();
  const wildcards = new Set<string>();
  const names = ['localhost', '127.0.0.1', '[::1]', ...options.hostNames, ...(options.certificateNames ?? [])];
  for (const raw of names) {
    const name = bracketIpv6(raw.toLowerCase());
    if (name.startsWith('*.')) {
      wildcards.add(name.slice(2));
      continue;
    }
    const origin = configured ? defaultOrigin : originOfName(name);
    trusted.set(`${name}:${port}`, origin);
    if (port === defaultPort) trusted.set(name, origin);
  }
  if (configured) {
    // URL.host omits the scheme's default port; clients may send it either way.
    const host = configured.host.toLowerCase();
    trusted.set(host, defaultOrigin);
    if (!configured.port) trusted.set(`${host}:${configured.protocol === 'http:' ? 80 : 443}`, defaultOrigin);
  }
  for (const raw of options.allowedHosts ?? []) {
    const host = raw.toLowerCase();
    trusted.set(host, configured ? defaultOrigin : `${scheme}://${host}`);
  }
  const ownOrigins = new Set(trusted.values());

  /** A name under a wildcard certificate entry (one label, RFC 6125 §6.4.3), on our port. */
  const wildcardOrigin = (host: string): string | undefined => {
    if (wildcards.size === 0) return undefined;
    const suffix = `:${port}`;
    const name = host.endsWith(suffix) ? host.slice(0, -suffix.length) : port === defaultPort ? host : '';
    const dot = name.indexOf('.');
    if (dot <= 0 || name.includes(':') || !wildcards.has(name.slice(dot + 1)) || !/^[a-z0-9-]+$/.test(name.slice(0, dot))) return undefined;
    return configured ? defaultOrigin : originOfName(name);
  };

  // design.md Performance: the hot path does one or two Map lookups, no URL parsing.
  const trustedOrigin = (host: string | undefined): string | undefined => {
    if (host === undefined) return defaultOrigin;
    return trusted.get(host) ?? trusted.get(host.toLowerCase()) ?? wildcardOrigin(host.toLowerCase());
  };
  const originFor = (request: FastifyRequest): string => trustedOrigin(request.headers.host) ?? defaultOrigin;

  return {
    pathPrefix,
    defaultBase,
    originFor,
    trustedOrigin,
    baseFor: (request) => (configured ? defaultBase : originFor(request)),
    isOwnBase(base) {
      if (configured) return base === defaultBase;
      if (ownOrigins.has(base)) return true;
      if (wildcards.size === 0) return false;
      try {
        const url = new URL(base);
        return url.protocol === `${scheme}:` && url.origin === base && wildcardOrigin(url.host) === base;
      } catch {
        return false;
      }
    },
  };
}

function bracketIpv6(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
