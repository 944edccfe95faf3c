/**
 * The one place that loads @peculiar/x509: it needs `reflect-metadata` before it and a WebCrypto
 * provider. Everything else imports certificate helpers (and the `x509` namespace) from here, so
 * the setup always runs first and no module hand-writes ASN.1.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, randomBytes, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { encodeBase64, encodeBase64url, decodeBase64 } from './base64url.js';

// Node's webcrypto is a full WebCrypto; the DOM `Crypto` type is just not in our `lib`.
x509.cryptoProvider.set(webcrypto as never);

export { x509 };
export type { CryptoKey, CryptoKeyPair };

/** Key types we mint: RSA-2048 for token signing (tokens.md §7.2), P-256 for the local TLS CA. */
export type KeyKind = 'rsa-2048' | 'p-256';

const keyAlgorithms = {
  'rsa-2048': {
    generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    signing: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  },
  'p-256': {
    generate: { name: 'ECDSA', namedCurve: 'P-256' },
    signing: { name: 'ECDSA', hash: 'SHA-256' },
  },
} as const;

/** Generates an extractable WebCrypto key pair (async: runs off the event loop). */
export async function generateKeyPair(kind: KeyKind): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyAlgorithms[kind].generate, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** Common certificate parameters. Dates are explicit so callers control validity (and tests the clock). */
export interface CertificateParams {
  /** Distinguished name, e.g. `CN=Tessera Token Signing`. */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  extensions?: x509.Extension[];
  /** Hex serial; a random positive 128-bit value when omitted. */
  serialNumber?: string;
}

/** Creates a self-signed certificate for `keys` (SHA-256 signature). */
export async function createSelfSignedCertificate(
  params: CertificateParams & { keys: CryptoKeyPair },
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: params.serialNumber ?? randomSerialNumber(),
    name: params.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    keys: params.keys,
    extensions: params.extensions ?? [],
    signingAlgorithm: signingAlgorithmFor(params.keys.privateKey),
  });
}

/** Creates a certificate for `publicKey`, issued and signed by `issuer` with `issuerKey`. */
export async function createSignedCertificate(
  params: CertificateParams & { publicKey: CryptoKey; issuer: x509.X509Certificate; issuerKey: CryptoKey },
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: params.serialNumber ?? randomSerialNumber(),
    subject: params.subject,
    issuer: params.issuer.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey: params.issuerKey,
    extensions: params.extensions ?? [],
    signingAlgorithm: signingAlgorithmFor(params.issuerKey),
  });
}

/** Imports a PKCS#8 PEM private key of `kind` as a WebCrypto signing key. */
export async function importPrivateKeyPem(pem: string, kind: KeyKind): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pemToDer(pem, 'PRIVATE KEY'), keyAlgorithms[kind].generate, false, ['sign']);
}

/** Exports a private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return derToPem(new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key)), 'PRIVATE KEY');
}

/** DER bytes of the first PEM block (optionally of the given label, e.g. `CERTIFICATE`). */
export function pemToDer(pem: string, label?: string): Uint8Array {
  const blocks = pemBlocks(pem).filter((b) => label === undefined || b.label === label);
  const first = blocks[0];
  if (first === undefined) throw new TypeError(`No PEM block${label ? ` labelled ${label}` : ''} found`);
  return first.der;
}

/** Every PEM block of a file (a certificate chain has several). */
export function pemBlocks(pem: string): { label: string; der: Uint8Array }[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  return [...pem.matchAll(re)].map((m) => ({ label: m[1] ?? '', der: decodeBase64(m[2] ?? '') }));
}

/** PEM text for DER bytes, 64-character lines (RFC 7468 §2). */
export function derToPem(der: Uint8Array | ArrayBuffer, label: string): string {
  const body = encodeBase64(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** base64url SHA-1 of a certificate's DER: Entra's `kid` and `x5t` (tokens.md §2, §7.2). */
export function sha1Thumbprint(der: Uint8Array): string {
  return encodeBase64url(createHash('sha1').update(der).digest());
}

/** base64url SHA-256 of a certificate's DER: `x5t#S256` (RFC 7515 §4.1.8). */
export function sha256Thumbprint(der: Uint8Array): string {
  return encodeBase64url(createHash('sha256').update(der).digest());
}

/** Upper-case hex SHA-1 of a certificate's DER (Graph's `customKeyIdentifier`, the portal's display). */
export function sha1ThumbprintHex(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** Random positive 128-bit serial (RFC 5280 §4.1.2.2: positive, ≤ 20 octets, unpredictable). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function signingAlgorithmFor(key: CryptoKey): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return key.algorithm.name === 'ECDSA' ? keyAlgorithms['p-256'].signing : keyAlgorithms['rsa-2048'].signing;
}
