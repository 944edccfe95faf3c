/**
 * `private_key_jwt` with a certificate registered on the app (protocol.md §4.2, spec/clients.md
 * item 11): RS256 or PS256 only, key chosen by `x5t`/`x5t#S256`, 5 minutes of clock skew, one
 * `aud` string naming the endpoint called or the tenant's issuer.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { ClientCredentials } from '../../directory/directory.js';
import { decodeBase64 } from '../../lib/base64url.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import type { KeyCredential } from '../../directory/types.js';
import { OAuthError } from '../errors.js';
import { findAssertionCertificate } from './assertion-certificate.js';

/** RFC 7523 §2.2: the only `client_assertion_type` Entra accepts. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

// protocol.md §4.2: RS256 (older docs, msal's SHA-1 path) and PS256 (current docs, SHA-256 path).
// A fixed list: `none`, HS256 (e.g. keyed with the certificate's public key) and the rest fail.
const ALGORITHMS = ['RS256', 'PS256'];
// spec/clients.md item 11: at least five minutes of skew on iat/nbf/exp.
const CLOCK_SKEW_SECONDS = 300;

// Public keys of registered certificates by SHA-256 thumbprint: a certificate never changes under
// its thumbprint, and reusing one KeyObject lets jose reuse its imported CryptoKey as well.
const publicKeys = new TtlCache<string, KeyObject>({ ttlMs: 10 * 60_000, maxEntries: 1_000 });

/** A client assertion decoded but not yet verified. */
export interface ClientAssertion {
  jwt: string;
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
}

/** What a valid assertion must satisfy for this request. */
export interface AssertionExpectations {
  /** The token endpoint URL called and the tenant's v2 issuer (protocol.md §4.2). */
  audiences: readonly string[];
  now: Date;
}

/** @throws OAuthError AADSTS50027 (as `invalid_client`) when the value is not a compact JWS JWT. */
export function decodeClientAssertion(jwt: string): ClientAssertion {
  try {
    return { jwt, header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) };
  } catch (error) {
    throw malformed(error instanceof Error ? `${error.name}: ${error.message}` : 'undecodable');
  }
}

/**
 * Verifies a certificate-signed assertion of the app whose credentials are given. `iss`/`sub`
 * were matched to the client by the caller.
 *
 * `jti` is required (Entra lists it among the assertion's required claims; protocol.md §4.2) but
 * not remembered. ENTRA-COMPAT: protocol.md §4.2 suggests refusing reuse as hardening, but
 * msal-node caches one assertion and re-sends it for ten minutes (spec/clients.md item 11), so
 * replay within the assertion's lifetime stays allowed, as Entra allows it.
 *
 * @throws OAuthError AADSTS700027 (algorithm, key, signature), AADSTS700024 (time window),
 * AADSTS5002741 (several audiences), AADSTS700023 (wrong audience), AADSTS50027 (malformed, no `jti`).
 */
export async function verifyCertificateAssertion(assertion: ClientAssertion, credentials: ClientCredentials, expect: AssertionExpectations): Promise<void> {
  const appId = credentials.application.appId;
  const alg = assertion.header.alg;
  if (alg === undefined || !ALGORITHMS.includes(alg)) {
    throw new OAuthError(700027, [`[Reason - The signing algorithm '${String(alg).slice(0, 20)}' is not accepted; client assertions are signed with RS256 or PS256.]`]);
  }
  const certificate = findAssertionCertificate(assertion.header, credentials.certificates, expect.now, appId);
  const publicKey = publicKeyOf(certificate);
  try {
    await jwtVerify(assertion.jwt, publicKey, { algorithms: ALGORITHMS, currentDate: expect.now, clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['exp'] });
  } catch (error) {
    throw verificationError(error, assertion.payload, expect.now);
  }
  const jti = assertion.payload.jti;
  if (typeof jti !== 'string' || jti.trim() === '') throw malformed('client assertion without a jti claim');
  checkAudience(assertion.payload.aud, expect.audiences);
}

function publicKeyOf(certificate: KeyCredential): KeyObject {
  let key = publicKeys.get(certificate.thumbprintSha256);
  if (key === undefined) {
    key = new X509Certificate(decodeBase64(certificate.key)).publicKey;
    publicKeys.set(certificate.thumbprintSha256, key);
  }
  return key;
}

// protocol.md §4.2: `aud` is one string, the endpoint called or the issuer; arrays are refused.
function checkAudience(aud: unknown, accepted: readonly string[]): void {
  if (Array.isArray(aud)) throw new OAuthError(5002741);
  if (typeof aud !== 'string' || !accepted.includes(aud)) throw new OAuthError(700023, [], { cause: `assertion aud ${JSON.stringify(aud)?.slice(0, 200)}` });
}

function verificationError(error: unknown, payload: JWTPayload, now: Date): OAuthError {
  // Only the error's text goes to the log: jose errors carry the assertion's claims.
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof errors.JWTExpired || (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed')) {
    return new OAuthError(700024, [now.toISOString(), epochIso(payload.nbf), epochIso(payload.exp)]);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new OAuthError(700027, ['[Reason - The signature of the client assertion does not verify with the registered certificate.]']);
  }
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return malformed(cause);
  }
  // Key/algorithm mismatches (e.g. a certificate whose key cannot do RS256/PS256).
  return new OAuthError(700027, ['[Reason - The registered certificate cannot verify this client assertion.]'], { cause });
}

function malformed(cause: string): OAuthError {
  // protocol.md §12.4 maps 50027 to `invalid_grant` for jwt-bearer grants; as a client
  // credential it is a client-authentication failure.
  return new OAuthError(50027, [], { error: 'invalid_client', status: 401, cause });
}

function epochIso(value: unknown): string {
  if (typeof value !== 'number') return 'not given';
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
