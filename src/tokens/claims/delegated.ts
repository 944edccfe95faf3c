/**
 * The claim set of a delegated (user) access token, v1.0 or v2.0 shape (tokens.md §4.1 claim
 * table, §4.3 delegated vs app-only). Pure: the grant resolves user, client, resource, scopes
 * and the sign-in facts and passes them in as plain data.
 *
 * Left out on purpose (tokens.md §4.1): `puid`, `platf`, `signin_state`, `xms_st` and other
 * first-party internals [O] ("not needed for compatibility"); `xms_tcdt` [O][U] (undocumented);
 * `acct`, `ctry`, `tenant_region_scope` (optional claims nobody here asks for yet). `groups` /
 * `hasgroups` / overage come precomputed from groups.ts (per the resource's `groupMembershipClaims`).
 */
import { GRAPH_APP_ID } from '../../directory/graph-catalog.js';
import type { User } from '../../directory/types.js';
import { isGuid } from '../../lib/ids.js';
import type { TokenTimes } from '../lifetime.js';
import type { ClientAuthClass } from './app-only.js';
import type { TokenHandles } from './handles.js';
import { registeredClaimsFirst } from './order.js';

/**
 * The signed-in user as the claims need it: the directory's User fits as it is (`id` is the
 * `oid`; `directoryRoles` are role template ids for `wids`).
 */
export type TokenUser = Pick<User, 'id' | 'displayName' | 'givenName' | 'surname' | 'userPrincipalName' | 'mail' | 'userType' | 'directoryRoles'>;

/** What the sign-in established; stored with the code / session / refresh token. */
export interface SignInFacts {
  /** `amr` values in order, e.g. `['pwd']` or `['pwd', 'mfa']` (tokens.md §4.1). */
  methods: readonly string[];
  /** Unix seconds of the authentication (`auth_time`). */
  authTime: number;
  /** The browser session's id (`sid`); null when there is none (ROPC). */
  sessionId: string | null;
  /** The client IP at authentication (`ipaddr`); null when unknown. */
  ipAddress: string | null;
}

export interface DelegatedClaimsInput {
  /** Decided by the resource's `accessTokenAcceptedVersion` (tokens.md §3). */
  version: 1 | 2;
  /** v2: the resource appId; v1: the identifier the client asked for (tokens.md §4.1). */
  audience: string;
  /** `issuerV1`/`issuerV2` of the tenant the token is issued in. */
  issuer: string;
  tenantId: string;
  client: { appId: string; authClass: ClientAuthClass; displayName: string };
  user: TokenUser;
  /** Pairwise `sub` for (user, tenant, resource): `pairwiseSubject(…, recipientAppId: resource)`. */
  subject: string;
  /**
   * The user's identity provider when it is not this tenant (guests: their home STS, personal
   * accounts as guests: `live.com` / the MSA STS URI); null for members (tokens.md §4.1 `idp`).
   */
  identityProvider: string | null;
  /** `scp` values, in the resource's own spelling (tokens.md §4.1). */
  scopes: readonly string[];
  /** The user's app-role values on the resource; none → no `roles` claim. */
  roles: readonly string[];
  /** `groups` / `hasgroups` / `_claim_names` + `_claim_sources` from `groupClaims` (groups.ts); `{}` for none. */
  groupClaims?: Readonly<Record<string, unknown>>;
  /** Put `wids` in: see {@link directoryRolesInAccessToken}. */
  includeDirectoryRoles: boolean;
  /** Was `profile` requested? v2 `name` / `preferred_username` need it (tokens.md §4.1). */
  profileScope: boolean;
  /** The resource's `optionalClaims.accessToken` names (`optionalClaimNames`, tokens.md §4.4). */
  optionalClaims: ReadonlySet<string>;
  signIn: SignInFacts;
  times: Pick<TokenTimes, 'iat' | 'nbf' | 'exp'>;
  handles: TokenHandles;
}

/**
 * tokens.md §4.1 `wids`: the user's directory role template ids, when the resource's
 * `groupMembershipClaims` is `All` or `DirectoryRole`; Microsoft Graph tokens always carry them.
 */
export function directoryRolesInAccessToken(resourceAppId: string, groupMembershipClaims: string | null): boolean {
  return resourceAppId === GRAPH_APP_ID || groupMembershipClaims === 'All' || groupMembershipClaims === 'DirectoryRole';
}

/**
 * `aud` (tokens.md §4.1): v2 → the resource's appId; v1 → the identifier the client asked for,
 * except that an appId is written in its canonical (lower-case) spelling, as app-only tokens do.
 */
export function accessTokenAudience(version: 1 | 2, identifierAsWritten: string, resourceAppId: string): string {
  return version === 2 || isGuid(identifierAsWritten) ? resourceAppId : identifierAsWritten;
}

/**
 * Builds the payload: `aud, iss, iat, nbf, exp` first, then the rest in alphabetical order, as
 * in Entra's samples (tokens.md §4.2).
 */
export function buildDelegatedClaims(input: DelegatedClaimsInput): Record<string, unknown> {
  const v1 = input.version === 1;
  const { user, signIn, optionalClaims: optional } = input;
  const claims: Record<string, unknown> = { aio: input.handles.aio };
  if (v1) {
    // tokens.md §4.1: `acr` and `amr` are v1 claims; `amr` in v2 is unverified (§12: v1 only).
    // `acr` "1": the sign-in met the assurance level, as observed for normal sign-ins.
    claims.acr = '1';
    claims.amr = [...signIn.methods];
    // As app-only v1 tokens do (tokens.md §4.1 `app_displayname`, seen on v1 tokens).
    claims.app_displayname = input.client.displayName;
    claims.appid = input.client.appId;
    claims.appidacr = input.client.authClass;
  } else {
    claims.azp = input.client.appId;
    claims.azpacr = input.client.authClass;
  }
  // ◐ in v1, ○ (optional claim) in v2: family_name, given_name, ipaddr, upn (tokens.md §4.1, §4.4).
  const v1OrOptional = (name: string) => v1 || optional.has(name);
  if (user.surname && v1OrOptional('family_name')) claims.family_name = user.surname;
  if (user.givenName && v1OrOptional('given_name')) claims.given_name = user.givenName;
  if (signIn.ipAddress !== null && v1OrOptional('ipaddr')) claims.ipaddr = signIn.ipAddress;
  if (v1OrOptional('upn')) claims.upn = user.userPrincipalName;
  // tokens.md §4.1 `email`: v1 carries it for guests with a mail address; otherwise optional.
  if (user.mail && ((v1 && user.userType === 'Guest') || optional.has('email'))) claims.email = user.mail;
  // `idp` only when it differs from `iss` (tokens.md §4.1).
  if (input.identityProvider !== null && input.identityProvider !== input.issuer) claims.idp = input.identityProvider;
  // tokens.md §4.1: v2 `name` and `preferred_username` need `profile`; v1 has `name` always and
  // `preferred_username` only as an optional claim.
  if (v1 || input.profileScope) claims.name = user.displayName;
  if (v1 ? optional.has('preferred_username') : input.profileScope) claims.preferred_username = user.userPrincipalName;
  claims.oid = user.id;
  Object.assign(claims, input.groupClaims ?? {});
  claims.rh = input.handles.rh;
  // tokens.md §4.1: `roles` are the user's app-role assignments on the resource; absent when none.
  if (input.roles.length > 0) claims.roles = [...input.roles];
  claims.scp = input.scopes.join(' ');
  claims.sub = input.subject;
  claims.tid = input.tenantId;
  if (v1) {
    // tokens.md §4.1: `unique_name` is the human-readable user name (UPN).
    claims.unique_name = user.userPrincipalName;
  }
  claims.uti = input.handles.uti;
  claims.ver = v1 ? '1.0' : '2.0';
  if (input.includeDirectoryRoles && user.directoryRoles.length > 0) claims.wids = [...user.directoryRoles];
  // tokens.md §4.4: optional claims of access tokens. `sid` and `auth_time` are not in the
  // access-token claim table (§4.1), so they appear only when the resource asks for them.
  if (optional.has('sid') && signIn.sessionId !== null) claims.sid = signIn.sessionId;
  if (optional.has('auth_time')) claims.auth_time = signIn.authTime;
  // tokens.md §4.4: `idtyp` with `include_user_token` marks user tokens `user`.
  if (optional.has('idtyp')) claims.idtyp = 'user';
  return registeredClaimsFirst(input.audience, input.issuer, input.times, claims);
}
