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

export function createPublicUrls(options: { publicUrl: string | null; http: boolean; port: number; hostNames: string[] }): PublicUrls {
  const scheme = options.http ? 'http' : 'https';
  const configured = options.publicUrl ? new URL(options.publicUrl) : null;
  const pathPrefix = configured ? configured.pathname.replace(/\/+$/, '') : '';
  const defaultBase = configured ? `${configured.origin}${pathPrefix}` : `${scheme}://localhost:${options.port}`;
  const trustedHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...options.hostNames.map(bracketIpv6).map((h) => h.toLowerCase())]);

  const originFor = (request: FastifyRequest): string => {
    if (configured) return configured.origin;
    const host = request.headers.host;
    if (!host) return new URL(defaultBase).origin;
    try {
      const url = new URL(`${scheme}://${host}`);
      if (trustedHosts.has(url.hostname.toLowerCase())) return url.origin;
    } catch {
      // A malformed Host header falls back to the default base.
    }
    return new URL(defaultBase).origin;
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
