/**
 * Which registered certificate a client assertion claims to be signed with (protocol.md §4.2):
 * the app's `keyCredentials` (type `AsymmetricX509Cert`, usage `Verify`) whose SHA-256 or SHA-1
 * thumbprint equals the header's `x5t#S256` or `x5t`, inside its validity dates.
 */
import type { ProtectedHeaderParameters } from 'jose';
import type { KeyCredential } from '../../directory/types.js';
import { OAuthError } from '../errors.js';

/**
 * @throws OAuthError AADSTS700027 when no registered certificate matches, when the match is
 * expired or not yet valid, or when `x5c` names a different certificate.
 */
export function findAssertionCertificate(header: ProtectedHeaderParameters, certificates: readonly KeyCredential[], now: Date, appId: string): KeyCredential {
  const verifying = certificates.filter((c) => c.type === 'AsymmetricX509Cert' && c.usage === 'Verify');
  const s256 = thumbprintMember(header, 'x5t#S256');
  const sha1 = thumbprintMember(header, 'x5t');
  const kid = stringMember(header, 'kid');
  // Echoed in the error text: bounded, since the header is the caller's.
  const used = (stringMember(header, 'x5t#S256') ?? stringMember(header, 'x5t') ?? kid ?? '').slice(0, 100);
  const certificate =
    (s256 !== undefined ? verifying.find((c) => c.thumbprintSha256 === s256) : undefined) ??
    (sha1 !== undefined ? verifying.find((c) => c.thumbprintSha1 === sha1) : undefined) ??
    // ENTRA-COMPAT: protocol.md §4.2 lists `kid` as optional and sent by some libraries; a `kid`
    // equal to a registered thumbprint (either encoding, or Graph's hex customKeyIdentifier)
    // identifies the certificate when no `x5t`/`x5t#S256` header does.
    (kid !== undefined && s256 === undefined && sha1 === undefined ? verifying.find((c) => matchesKid(c, kid)) : undefined);
  if (certificate === undefined) throw invalidKey('The key was not found.', used, appId);

  const at = now.getTime();
  if (at > Date.parse(certificate.endDateTime)) throw invalidKey('The key used is expired.', used, appId);
  if (at < Date.parse(certificate.startDateTime)) throw invalidKey('The key used is not yet valid.', used, appId);

  // `x5c` is optional (protocol.md §4.2); when sent, its leaf must be the registered certificate,
  // so a chain cannot smuggle in a different key next to a registered thumbprint.
  const x5c = header.x5c;
  if (x5c !== undefined && (!Array.isArray(x5c) || typeof x5c[0] !== 'string' || x5c[0].replace(/\s+/g, '') !== certificate.key)) {
    throw invalidKey('The certificate in the x5c header is not the registered certificate.', used, appId);
  }
  return certificate;
}

function matchesKid(certificate: KeyCredential, kid: string): boolean {
  return kid === certificate.thumbprintSha1 || kid === certificate.thumbprintSha256 || kid.toUpperCase() === certificate.customKeyIdentifier;
}

/**
 * A thumbprint header in the canonical form we store (base64url, unpadded).
 * ENTRA-COMPAT: RFC 7515 §4.1.7 says base64url without padding, but MSAL for Python sends `x5t`
 * with `=` padding and some libraries use standard base64 (`+`, `/`); Entra accepts each form, so
 * the value is normalized before it is compared. Only the alphabet changes: the digest compared is
 * the same bytes.
 */
function thumbprintMember(header: ProtectedHeaderParameters, name: string): string | undefined {
  const value = stringMember(header, name);
  if (value === undefined || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return value;
  return value.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function stringMember(header: ProtectedHeaderParameters, name: string): string | undefined {
  const value = (header as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Entra's 700027 reason format: `[Reason - …, Thumbprint of key used by client: '…', …]`. */
export function invalidKey(reason: string, thumbprint: string, appId: string): OAuthError {
  return new OAuthError(700027, [
    `[Reason - ${reason}, Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
  ]);
}
