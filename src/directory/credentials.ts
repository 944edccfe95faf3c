/**
 * Client credential material: secrets (generated ones stored as SHA-256 digests, user-supplied
 * values as salted scrypt hashes — lib/secret-hash.ts — compared in constant time) and X.509
 * certificates (thumbprints as carried by `x5t` / `x5t#S256`). design.md Data and
 * Security; protocol.md §4.1–4.2, §15.2.
 */
import { createHash, randomInt, X509Certificate } from 'node:crypto';
import { digestSecret, hashSuppliedSecret as hashSlowly, verifySecretHash } from '../lib/secret-hash.js';
import { ValidationError } from './errors.js';

// ENTRA-COMPAT: Entra's generated secrets are 40 characters from letters, digits and `~._-`;
// graph.md §2.5 documents 16–64. 40 characters of a 66-symbol alphabet carry ~241 bits.
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-';
const SECRET_LENGTH = 40;

/** A new high-entropy client secret (40 characters, `[A-Za-z0-9~._-]`). */
export function generateSecret(length = SECRET_LENGTH): string {
  let secret = '';
  // randomInt draws uniformly (rejection sampling), so no symbol is favoured.
  for (let i = 0; i < length; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return secret;
}

/** base64url(SHA-256(secret)): the stored form of a secret we generated (~241 bits). */
export function hashSecret(secret: string): string {
  return digestSecret(secret);
}

/**
 * The stored form of a secret value someone chose (environment files, `secretText`): a salted
 * scrypt hash, so a leaked database does not make it cheap to guess (lib/secret-hash.ts).
 */
export function hashSuppliedSecret(secret: string): Promise<string> {
  return hashSlowly(secret);
}

/** Graph's `hint`: the first three characters of the secret (graph.md §2.5). */
export function secretHint(secret: string): string {
  return secret.slice(0, 3);
}

/**
 * Constant-time check of a presented secret against {@link hashSecret} or {@link hashSuppliedSecret}.
 * `keyId` identifies the credential: a successful check of a scrypt row is remembered briefly
 * for that row (lib/secret-hash.ts), failures never are.
 */
export function verifySecret(presented: string, secretHash: string, keyId?: string): Promise<boolean> {
  return verifySecretHash(presented, secretHash, keyId);
}

/** A parsed certificate with the values a keyCredential stores. */
export interface CertificateInfo {
  /** base64 DER. */
  key: string;
  /** base64url SHA-1 of the DER (`x5t`). */
  thumbprintSha1: string;
  /** base64url SHA-256 of the DER (`x5t#S256`). */
  thumbprintSha256: string;
  /** Upper-case hex SHA-1: Graph's default customKeyIdentifier. */
  customKeyIdentifier: string;
  startDateTime: string;
  endDateTime: string;
}

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/;

function toDer(input: string): Buffer {
  const text = input.trim();
  const pem = PEM.exec(text);
  const body = (pem === null ? text : (pem[1] ?? '')).replace(/\s+/g, '');
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new ValidationError('InvalidKeyCredential', 'keyCredential.key must be a PEM or base64 DER X.509 certificate');
  }
  return Buffer.from(body, 'base64');
}

function isoDate(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new ValidationError('InvalidKeyCredential', `Certificate validity '${text}' is not a date`);
  return date.toISOString();
}

/**
 * Parse a PEM or base64 DER certificate. Throws `ValidationError` (`InvalidKeyCredential`)
 * when it is not an X.509 certificate.
 */
export function parseCertificate(input: string): CertificateInfo {
  const der = toDer(input);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch (cause) {
    throw new ValidationError('InvalidKeyCredential', 'keyCredential.key is not a valid X.509 certificate', { cause });
  }
  const raw = certificate.raw;
  const sha1 = createHash('sha1').update(raw).digest();
  return {
    key: raw.toString('base64'),
    thumbprintSha1: sha1.toString('base64url'),
    thumbprintSha256: createHash('sha256').update(raw).digest('base64url'),
    customKeyIdentifier: sha1.toString('hex').toUpperCase(),
    startDateTime: isoDate(certificate.validFrom),
    endDateTime: isoDate(certificate.validTo),
  };
}
