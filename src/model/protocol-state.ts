/**
 * The records of the protocol-state store (plain data below storage and `state/`, which
 * re-exports them from `state/types.ts`) (design.md "Front channel and protocol state"). Times
 * are `Date`s; `data` objects belong to the caller (the grant or page that wrote them) and are
 * stored as JSON, so they must hold JSON values only.
 */

/** A JSON object owned by the caller. */
export type StateData = Readonly<Record<string, unknown>>;

/** An authorization code, as stored by `/authorize` and redeemed by the token endpoint. */
export interface NewAuthorizationCode {
  /** The tenant (or alias) the code was issued on: redeeming elsewhere is AADSTS700005. */
  tenantId: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  /** RFC 7636 §4.2; null without PKCE. */
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  /** The refresh-token family the redemption issues into (`newFamilyId()`). */
  familyId: string;
  data?: StateData;
}

export interface AuthorizationCode extends Required<NewAuthorizationCode> {
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

/** Why a refresh-token family stopped working. */
export type RevocationReason = 'codeReplay' | 'tokenReuse' | 'userRevoked' | 'revoked';

export interface RefreshTokenFamily {
  familyId: string;
  tenantId: string;
  userId: string;
  clientId: string;
  /** Public clients: a replaced token presented again revokes the family (RFC 9700 §4.14.2). */
  reuseDetection: boolean;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: RevocationReason | null;
}

export interface RefreshToken {
  familyId: string;
  data: StateData;
  createdAt: Date;
  expiresAt: Date;
  replacedAt: Date | null;
  family: RefreshTokenFamily;
}

/** One signed-in account of an SSO session. */
export interface SessionAccount {
  tenantId: string;
  userId: string;
  /** Public session id (GUID): the `sid` claim, `session_state`. */
  sid: string;
  authTime: Date;
  /** e.g. ['pwd'], ['pwd', 'mfa']. */
  amr: string[];
  /** Clients that obtained tokens through this sign-in (front-channel logout). */
  clientIds: string[];
}

export interface Session {
  data: StateData;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  accounts: SessionAccount[];
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'declined';

export interface DeviceCode {
  tenantId: string;
  clientId: string;
  status: DeviceCodeStatus;
  /** Set on approval: who signed in. */
  userTenantId: string | null;
  userId: string | null;
  data: StateData;
  approval: StateData | null;
  intervalSeconds: number;
  createdAt: Date;
  expiresAt: Date;
  lastPolledAt: Date | null;
  consumedAt: Date | null;
}

/** A failure counter (sign-in lockout, client authentication throttling). */
export interface Counter {
  /** Failures in the current window (0 once the window lapsed). */
  count: number;
  windowStart: Date;
  windowEndsAt: Date;
  /** Set while locked out. */
  lockedUntil: Date | null;
}
