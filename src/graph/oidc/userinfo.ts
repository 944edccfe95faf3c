/**
 * `GET|POST /oidc/userinfo` (protocol.md §8.5; OpenID Connect Core §5.3): the claims of the
 * signed-in user of a Graph access token that carries `openid`. Entra hosts it on Graph, so it
 * lives on the Graph surface (its token validation, its OData errors) at the host root.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { pairwiseSubject, pairwiseTenantKey } from '../../tokens/claims/subject.js';
import { bearerToken } from '../auth/bearer.js';
import type { GraphTokenValidator } from '../auth/validator.js';
import { graphErrors } from '../errors.js';
import { applyGraphHeaders, graphIdsFor } from '../headers.js';

/** The claims, in the order of Entra's documented example (protocol.md §8.5). */
export async function userinfoClaims(deps: AppDeps, validator: GraphTokenValidator, request: FastifyRequest): Promise<Record<string, string>> {
  const principal = await validator.validate(bearerToken(request.headers.authorization));
  // protocol.md §8.5: the token must have been issued with `openid`; an app-only token has no
  // user to describe. OIDC Core §5.3.3 / RFC 6750 §3.1: insufficient scope is a 403.
  if (principal.kind !== 'delegated' || !principal.permissions.has('openid')) throw graphErrors.requestDenied();
  const user = await deps.directory.getUser(principal.tenantId, principal.objectId);
  if (user === undefined) throw graphErrors.tokenValidation();
  const claims: Record<string, string> = {
    // The ID token's `sub`: pairwise for the client that asked for the token (tokens.md §6).
    sub: pairwiseSubject(pairwiseTenantKey(deps.secrets.pairwise, principal.tenantId), {
      tenantId: principal.tenantId,
      userObjectId: principal.objectId,
      recipientAppId: principal.appId,
    }),
  };
  if (user.displayName) claims.name = user.displayName;
  if (user.surname) claims.family_name = user.surname;
  if (user.givenName) claims.given_name = user.givenName;
  claims.picture = `${deps.urls.originFor(request)}/v1.0/me/photo/$value`;
  if (principal.permissions.has('email') && user.mail) claims.email = user.mail;
  return claims;
}

export function userinfoEndpoint(deps: AppDeps, validator: GraphTokenValidator) {
  return async function userinfo(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const claims = await userinfoClaims(deps, validator, request);
    applyGraphHeaders(reply, graphIdsFor(request));
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(claims));
  };
}
