/**
 * The claim set of an app-only access token (client credentials), v1.0 or v2.0 shape
 * (tokens.md §4.1–4.3). Pure: every value comes in as input, so the claim rules are unit-tested
 * without a server.
 */
import type { TokenHandles } from './handles.js';
import type { TokenTimes } from '../lifetime.js';

/** How the client authenticated (tokens.md §4.1 `appidacr`/`azpacr`): 1 secret, 2 certificate. */
export type ClientAuthClass = '0' | '1' | '2';

export interface AppOnlyClaimsInput {
  /** Token shape, decided by the resource's `accessTokenAcceptedVersion` (tokens.md §3). */
  version: 1 | 2;
  /** v2: the resource appId; v1: the identifier the client used (tokens.md §4.1). */
  audience: string;
  /** `issuerV1`/`issuerV2` of the tenant the token is issued in. */
  issuer: string;
  tenantId: string;
  /** The client's appId (`appid` / `azp`). */
  clientAppId: string;
  /** The client's display name (`app_displayname`, v1 tokens). */
  clientDisplayName: string;
  /** Object id of the client's service principal in this tenant (`oid` = `sub`). */
  clientServicePrincipalId: string;
  clientAuthClass: ClientAuthClass;
  /** App-role values assigned to the client on the resource; none → no `roles` claim. */
  roles: readonly string[];
  times: Pick<TokenTimes, 'iat' | 'nbf' | 'exp'>;
  handles: TokenHandles;
}

/**
 * Builds the payload in the claim order of Entra's samples (tokens.md §4.2). App-only tokens
 * carry no user claims and no `scp`; `idtyp` is `app`; `oid` = `sub` = the client SP
 * (tokens.md §4.3).
 */
export function buildAppOnlyClaims(input: AppOnlyClaimsInput): Record<string, unknown> {
  const v1 = input.version === 1;
  const claims: Record<string, unknown> = {
    aud: input.audience,
    iss: input.issuer,
    iat: input.times.iat,
    nbf: input.times.nbf,
    exp: input.times.exp,
    aio: input.handles.aio,
  };
  if (v1) {
    // tokens.md §4.1: `app_displayname` is seen on v1 tokens only; `appid`/`appidacr` are v1 names.
    claims.app_displayname = input.clientDisplayName;
    claims.appid = input.clientAppId;
    claims.appidacr = input.clientAuthClass;
  } else {
    claims.azp = input.clientAppId;
    claims.azpacr = input.clientAuthClass;
  }
  // ENTRA-COMPAT: `idp` = `iss` is observed in v1 app-only tokens; v2 is unverified (tokens.md
  // §12) and we emit it the same way so both shapes identify the issuing tenant alike.
  claims.idp = input.issuer;
  claims.idtyp = 'app';
  claims.oid = input.clientServicePrincipalId;
  claims.rh = input.handles.rh;
  // tokens.md §4.1: `roles` is absent when the client holds no role on the resource.
  if (input.roles.length > 0) claims.roles = [...input.roles];
  claims.sub = input.clientServicePrincipalId;
  claims.tid = input.tenantId;
  claims.uti = input.handles.uti;
  claims.ver = v1 ? '1.0' : '2.0';
  return claims;
}
