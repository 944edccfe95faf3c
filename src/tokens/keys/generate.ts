/**
 * Mints a token-signing key the way Entra's look (tokens.md §7.2, protocol.md §8.3): RSA-2048,
 * wrapped in a self-signed X.509 certificate (SHA-256 with RSA, 5-year validity) so the JWKS can
 * carry `x5c`, and identified by `kid` = `x5t` = base64url(SHA-1(certificate DER)).
 */
import { encodeBase64 } from '../../lib/base64url.js';
import { createSelfSignedCertificate, exportPrivateKeyPem, generateKeyPair, sha1Thumbprint } from '../../lib/x509.js';

const SUBJECT = 'CN=Tessera Token Signing';
const VALIDITY_YEARS = 5;
// Back-date the certificate like the tokens themselves (tokens.md §8), for verifiers that check
// certificate dates against a slightly slow clock.
const BACKDATE_MS = 5 * 60 * 1000;

/** A freshly generated signing key, not yet stored. */
export interface GeneratedSigningKey {
  kid: string;
  /** Standard base64 DER of the certificate (`x5c[0]`, the `certificate` column). */
  certificate: string;
  /** PKCS#8 PEM, in clear: the caller seals it before storing. */
  privateKeyPem: string;
}

/** Generates an RSA-2048 key pair and its self-signed certificate (async: off the event loop). */
export async function generateSigningKey(now: Date): Promise<GeneratedSigningKey> {
  const keys = await generateKeyPair('rsa-2048');
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await createSelfSignedCertificate({
    subject: SUBJECT,
    keys,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
  });
  const der = new Uint8Array(certificate.rawData);
  return {
    kid: sha1Thumbprint(der),
    certificate: encodeBase64(der),
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
  };
}
