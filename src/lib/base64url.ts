/**
 * base64 / base64url codecs (RFC 4648 §4, §5). JOSE uses unpadded base64url (RFC 7515 §2);
 * JWKS `x5c` uses standard padded base64 (RFC 7517 §4.7). Buffer is fine here in lib/; callers
 * in tokens/ only see Uint8Array and strings (style.md convention 11).
 */
import { Buffer } from 'node:buffer';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Unpadded base64url of bytes. */
export function encodeBase64url(bytes: Uint8Array | ArrayBuffer): string {
  return toBuffer(bytes).toString('base64url');
}

/** Unpadded base64url of a string's UTF-8 bytes. */
export function encodeBase64urlText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Decodes base64url (padding tolerated); throws on characters outside the alphabet. */
export function decodeBase64url(text: string): Uint8Array {
  const unpadded = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded)) throw new TypeError('Invalid base64url');
  return new Uint8Array(Buffer.from(unpadded, 'base64url'));
}

/** Decodes base64url to a UTF-8 string; throws on invalid UTF-8. */
export function decodeBase64urlText(text: string): string {
  return decoder.decode(decodeBase64url(text));
}

/** Standard padded base64 of bytes (`x5c`, PEM bodies). */
export function encodeBase64(bytes: Uint8Array | ArrayBuffer): string {
  return toBuffer(bytes).toString('base64');
}

/** Decodes standard base64 (whitespace tolerated); throws on characters outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new TypeError('Invalid base64');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

function toBuffer(bytes: Uint8Array | ArrayBuffer): Buffer {
  return bytes instanceof ArrayBuffer
    ? Buffer.from(bytes)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
