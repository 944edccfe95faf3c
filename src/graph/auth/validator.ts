/**
 * Graph's token validation (graph.md §4.1 steps 1 and 3; tokens.md §7.3): audience, lifetime,
 * RS256 signature by a published key, an issuer of this Tessera whose tenant matches `tid` and
 * exists, for app-only tokens a client service principal in that tenant, and for delegated
 * tokens a user of that tenant. Results are cached by the token's SHA-256 for at most a minute
 * and never past `exp`, so the hot path does no RSA verify after the first call, yet a deleted
 * tenant, user or a disabled service principal loses access within a minute (design.md Data:
 * caches are short-lived).
 */
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { isUnavailable } from '../../directory/errors.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE_URI } from '../../directory/graph-catalog.js';
import { isGuid } from '../../lib/ids.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import type { AppDeps } from '../../server/deps.js';
import { graphErrors } from '../errors.js';
import { parseIssuer } from './issuer.js';
import { createJwksResolver } from './jwks.js';
import { principalFromClaims, type GraphPrincipal } from './principal.js';

// tokens.md §5: Graph tokens carry the URI (with or without trailing slash) or the app id.
const GRAPH_AUDIENCES: ReadonlySet<string> = new Set([GRAPH_RESOURCE_URI, `${GRAPH_RESOURCE_URI}/`, GRAPH_APP_ID]);
/** tokens.md §7.3 step 5: libraries allow five minutes of clock skew. */
export const CLOCK_SKEW_SECONDS = 300;
/** How long a validated token is trusted before its tenant and service principal are checked again. */
export const VALIDATION_CACHE_TTL_MS = 60_000;

export interface GraphTokenValidator {
  /** The caller of a Graph request, or a 401 GraphError. */
  validate(token: string): Promise<GraphPrincipal>;
}

export interface ValidatorOptions {
  /** Bound of the validation cache (entries). */
  maxEntries?: number;
}

type Deps = Pick<AppDeps, 'keys' | 'directory' | 'urls' | 'now'>;

/** Decode without verifying; anything that is not a compact JWS is Graph's CompactToken error. */
function decode(token: string): JWTPayload {
  let alg: unknown;
  let payload: JWTPayload;
  try {
    if (token.split('.').length !== 3) throw new TypeError('not a compact JWS');
    alg = decodeProtectedHeader(token).alg;
    payload = decodeJwt(token);
  } catch {
    throw graphErrors.compactToken();
  }
  // Only RS256 is ever issued (tokens.md §7.2); `none` and HMAC never reach jose.
  if (alg !== 'RS256') throw graphErrors.tokenValidation();
  return payload;
}

function checkAudience(aud: JWTPayload['aud']): void {
  const values = Array.isArray(aud) ? aud : [aud];
  if (!values.some((a) => typeof a === 'string' && GRAPH_AUDIENCES.has(a))) throw graphErrors.invalidAudience();
}

function checkLifetime(payload: JWTPayload, nowSeconds: number): void {
  if (typeof payload.exp !== 'number') throw graphErrors.tokenValidation();
  if (nowSeconds > payload.exp + CLOCK_SKEW_SECONDS) throw graphErrors.tokenLifetime();
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + CLOCK_SKEW_SECONDS) throw graphErrors.tokenLifetime();
}

export function createGraphTokenValidator(deps: Deps, options: ValidatorOptions = {}): GraphTokenValidator {
  const clock = () => deps.now().getTime();
  const cache = new TtlCache<string, GraphPrincipal>({ ttlMs: VALIDATION_CACHE_TTL_MS, maxEntries: options.maxEntries ?? 10_000, now: clock });
  const jwks = createJwksResolver(deps.keys, clock);

  async function verifySignature(token: string, currentDate: Date): Promise<JWTPayload> {
    const verify = async () =>
      (await jwtVerify(token, await jwks.current(), { algorithms: ['RS256'], clockTolerance: CLOCK_SKEW_SECONDS, currentDate })).payload;
    try {
      return await verify();
    } catch (error) {
      // Keys could not be loaded (database away): not the token's fault, so not a 401.
      if (isUnavailable(error)) throw error;
      if (error instanceof errors.JWKSNoMatchingKey && (await jwks.refresh())) {
        try {
          return await verify();
        } catch (retryError) {
          if (isUnavailable(retryError)) throw retryError;
          throw graphErrors.tokenValidation(retryError);
        }
      }
      throw graphErrors.tokenValidation(error);
    }
  }

  /** The issuer must be one of ours, for the token's own tenant, and that tenant must exist. */
  async function checkIssuer(payload: JWTPayload): Promise<void> {
    const issuer = parseIssuer(payload.iss);
    const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
    if (issuer === null || !isGuid(tid) || issuer.tenantId !== tid || !deps.urls.isOwnBase(issuer.base)) throw graphErrors.tokenValidation();
    if ((await deps.directory.getTenant(tid)) === undefined) throw graphErrors.tokenValidation();
  }

  /**
   * graph.md §4.1 step 3: an app-only caller must have a service principal in the tenant; a
   * delegated token's `oid` must be a user of the token's tenant. A user that does not exist
   * there cannot have been signed in by this Tessera, so the token is refused like any token
   * that fails validation (401 InvalidAuthenticationToken, graph.md §1.7), not answered with a
   * 404 for `/me` or served for other paths.
   */
  async function checkCaller(principal: GraphPrincipal): Promise<void> {
    if (principal.kind === 'delegated') {
      const user = isGuid(principal.objectId) ? await deps.directory.getUser(principal.tenantId, principal.objectId) : undefined;
      if (user === undefined || user.id.toLowerCase() !== principal.objectId) throw graphErrors.tokenValidation('delegated token oid is not a user of its tenant');
      return;
    }
    const sp = await deps.directory.getServicePrincipal(principal.tenantId, principal.objectId);
    if (sp === undefined || !sp.accountEnabled || (principal.appId !== '' && sp.appId.toLowerCase() !== principal.appId)) {
      throw graphErrors.identityNotFound();
    }
  }

  return {
    async validate(token) {
      const digest = createHash('sha256').update(token).digest('base64url');
      const hit = cache.get(digest);
      if (hit !== undefined) return hit;

      const now = deps.now();
      const claims = decode(token);
      checkAudience(claims.aud);
      checkLifetime(claims, Math.floor(now.getTime() / 1000));
      const payload = await verifySignature(token, now);
      await checkIssuer(payload);
      const principal = principalFromClaims(payload);
      if (principal === null) throw graphErrors.tokenValidation();
      await checkCaller(principal);
      cache.set(digest, principal, Math.min(VALIDATION_CACHE_TTL_MS, principal.expiresAt - now.getTime()));
      return principal;
    },
  };
}
