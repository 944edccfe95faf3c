/**
 * ID-token claims, v2.0 (tokens.md §9.1) and v1.0 (§9.2). Pure: the caller passes the user, the
 * sign-in facts and what the request asked for. The version follows the endpoint, not the
 * resource (tokens.md §3).
 */
import { createHash } from 'node:crypto';
import { encodeBase64url, utf8 } from '../../lib/base64url.js';
import type { TokenTimes } from '../lifetime.js';
import type { SignInFacts, TokenUser } from './delegated.js';
import type { TokenHandles } from './handles.js';
import { encodeLoginHintClaim } from './login-hint.js';
import { registeredClaimsFirst } from './order.js';

/** tokens.md §8, protocol.md §11.3: ID tokens live one hour by default. */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;

export interface IdTokenClaimsInput {
  /** v1 endpoint → 1, v2 endpoint → 2 (tokens.md §3). */
  version: 1 | 2;
  /** The client's appId (`aud`, tokens.md §9.1). */
  clientAppId: string;
  /** `issuerV1`/`issuerV2` of the tenant the user signed in to. */
  issuer: string;
  tenantId: string;
  user: TokenUser;
  /** Pairwise `sub` for (user, tenant, client): `pairwiseSubject(…, recipientAppId: client)`. */
  subject: string;
  /** Not this tenant's STS (guests, personal accounts as guests); null for members. */
  identityProvider: string | null;
  /** The OIDC scopes requested (`profile`, `email` shape the v2 token, tokens.md §9.1). */
  oidcScopes: ReadonlySet<string>;
  /** The `/authorize` `nonce`, exactly as sent; undefined when none was sent. */
  nonce: string | undefined;
  /** The user's app-role values on the client app (tokens.md §9.1 `roles`). */
  roles: readonly string[];
  /** `groups` / `hasgroups` / `_claim_names` + `_claim_sources` from `groupClaims` (groups.ts); `{}` for none. */
  groupClaims?: Readonly<Record<string, unknown>>;
  /** The client's `optionalClaims.idToken` names (tokens.md §4.4). */
  optionalClaims: ReadonlySet<string>;
  /** `max_age` was sent at `/authorize`: `auth_time` is then due (tokens.md §9.1 [I]). */
  maxAgeRequested: boolean;
  signIn: SignInFacts;
  /**
   * Hybrid / implicit responses from `/authorize` only (tokens.md §9.1): `code` → `c_hash`
   * (`code id_token`), `accessToken` → `at_hash` (`id_token token`). ID tokens from `/token`
   * never carry them, so the token endpoint passes neither.
   */
  issuedWith?: { code?: string; accessToken?: string };
  times: Pick<TokenTimes, 'iat' | 'nbf' | 'exp'>;
  handles: TokenHandles;
}

/**
 * OIDC Core §3.1.3.6 / §3.3.2.11 for RS256: base64url of the left-most 128 bits of SHA-256 over
 * the ASCII value (`c_hash`, `at_hash`; tokens.md §9.1).
 */
export function leftHalfHash(value: string): string {
  const digest = new Uint8Array(createHash('sha256').update(utf8(value)).digest());
  return encodeBase64url(digest.subarray(0, 16));
}

/** Builds the payload: `aud, iss, iat, nbf, exp`, then alphabetical (tokens.md §9.1 samples). */
export function buildIdTokenClaims(input: IdTokenClaimsInput): Record<string, unknown> {
  const v1 = input.version === 1;
  const { user, signIn, optionalClaims: optional } = input;
  // tokens.md §9.1: v2 profile claims come with `profile`; the v1 endpoint has no such scopes
  // and always carries them (§9.2 sample).
  const profile = v1 || input.oidcScopes.has('profile');
  const claims: Record<string, unknown> = { aio: input.handles.aio };
  if (v1) {
    // tokens.md §9.2: v1 ID tokens carry `amr`, `family_name`, `given_name`, `ipaddr`,
    // `unique_name`, `upn`; §12: `amr` in v1 only.
    claims.amr = [...signIn.methods];
    if (user.surname) claims.family_name = user.surname;
    if (user.givenName) claims.given_name = user.givenName;
    if (signIn.ipAddress !== null) claims.ipaddr = signIn.ipAddress;
    claims.unique_name = user.userPrincipalName;
    claims.upn = user.userPrincipalName;
  }
  // v2: with `email` (or the optional claim) when the account has one; v1: when present (§9.2).
  if (user.mail && (v1 || input.oidcScopes.has('email') || optional.has('email'))) claims.email = user.mail;
  if (input.identityProvider !== null && input.identityProvider !== input.issuer) claims.idp = input.identityProvider;
  if (profile) {
    claims.name = user.displayName;
    claims.oid = user.id;
  }
  // tokens.md §9.2: no `preferred_username` in v1 unless it is an optional claim.
  if (v1 ? optional.has('preferred_username') : profile) claims.preferred_username = user.userPrincipalName;
  // tokens.md §9.1: present whenever one was sent, and only then (spec/clients.md item 14).
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  claims.rh = input.handles.rh;
  // tokens.md §9.1: `roles` (on the client app) and the groups claims per its groupMembershipClaims.
  if (input.roles.length > 0) claims.roles = [...input.roles];
  Object.assign(claims, input.groupClaims ?? {});
  // tokens.md §9.1 `sid` ◐: the session id whenever there is a session (front-channel logout).
  if (signIn.sessionId !== null) claims.sid = signIn.sessionId;
  claims.sub = input.subject;
  claims.tid = input.tenantId;
  claims.uti = input.handles.uti;
  claims.ver = v1 ? '1.0' : '2.0';
  if (optional.has('auth_time') || input.maxAgeRequested) claims.auth_time = signIn.authTime;
  // tokens.md §9.1 `login_hint` ○: only as an optional claim of the client.
  if (optional.has('login_hint')) claims.login_hint = encodeLoginHintClaim({ tenantId: input.tenantId, objectId: user.id });
  if (input.issuedWith?.code !== undefined) claims.c_hash = leftHalfHash(input.issuedWith.code);
  if (input.issuedWith?.accessToken !== undefined) claims.at_hash = leftHalfHash(input.issuedWith.accessToken);
  return registeredClaimsFirst(input.clientAppId, input.issuer, input.times, claims);
}
