/**
 * Where Tessera says it lives. Issuers and endpoint URLs must be on the same scheme, host and
 * port as the authority the client used (spec/clients.md item 3), so with no `--public-url`
 * the base follows the request's Host header — but only for host names the server certificate
 * covers, so a forged Host header cannot make us advertise someone else's origin.
 */
import type { FastifyRequest } from 'fastify';

export interface PublicUrls {
  /** Base URL (no trailing slash) for this request: the issuer base, protocol prefix included. */
  baseFor(request: FastifyRequest): string;
  /** Path prefix of the protocol surface (`''` or `/prefix`), from `--public-url`. */
  readonly pathPrefix: string;
  /** Origin (scheme://host:port) Graph links use for this request. */
  originFor(request: FastifyRequest): string;
  /** Is `base` (an issuer base we may have put in a token) one of ours? */
  isOwnBase(base: string): boolean;
  /** The default base (config or `https://localhost:<port>`). */
  readonly defaultBase: string;
}

// Distinct Host headers remembered (design.md Performance: the token hot path parses no URL per
// request). Only trusted names map to their own origin, but any header is a key, so the map is
// bounded; past the bound, new hosts are parsed per request.
const MAX_CACHED_HOSTS = 256;

export function createPublicUrls(options: { publicUrl: string | null; http: boolean; port: number; hostNames: string[] }): PublicUrls {
  const scheme = options.http ? 'http' : 'https';
  const configured = options.publicUrl ? new URL(options.publicUrl) : null;
  const pathPrefix = configured ? configured.pathname.replace(/\/+$/, '') : '';
  const defaultBase = configured ? `${configured.origin}${pathPrefix}` : `${scheme}://localhost:${options.port}`;
  const defaultOrigin = new URL(defaultBase).origin;
  const trustedHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...options.hostNames.map(bracketIpv6).map((h) => h.toLowerCase())]);
  const origins = new Map<string, string>();

  const originOfHost = (host: string): string => {
    try {
      const url = new URL(`${scheme}://${host}`);
      if (trustedHosts.has(url.hostname.toLowerCase())) return url.origin;
    } catch {
      // A malformed Host header falls back to the default base.
    }
    return defaultOrigin;
  };

  const originFor = (request: FastifyRequest): string => {
    if (configured) return defaultOrigin;
    const host = request.headers.host;
    if (!host) return defaultOrigin;
    let origin = origins.get(host);
    if (origin === undefined) {
      origin = originOfHost(host);
      if (origins.size < MAX_CACHED_HOSTS) origins.set(host, origin);
    }
    return origin;
  };

  return {
    pathPrefix,
    defaultBase,
    originFor,
    baseFor: (request) => (configured ? defaultBase : originFor(request)),
    isOwnBase(base) {
      if (configured) return base === defaultBase;
      try {
        const url = new URL(base);
        return url.protocol === `${scheme}:` && url.pathname.replace(/\/+$/, '') === '' && trustedHosts.has(url.hostname.toLowerCase());
      } catch {
        return false;
      }
    },
  };
}

function bracketIpv6(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
