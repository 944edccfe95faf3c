/**
 * Sealing secrets at rest with TESSERA_MASTER_KEY (design.md Data: "private keys optionally
 * encrypted with a master key from the environment").
 *
 * Format: `enc:v1:<iv>.<ciphertext+tag>`, both base64url; AES-256-GCM, 96-bit random IV, 128-bit
 * tag. The AES key is scrypt(master key, fixed salt): the env value may be a human passphrase, so
 * a memory-hard KDF is worth its ~100 ms, paid once per process (the derived key is cached).
 * An optional `aad` (e.g. the row's kid) binds a ciphertext to its row, so sealed values cannot be
 * swapped between rows unnoticed.
 */
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { decodeBase64url, encodeBase64url } from './base64url.js';

const PREFIX = 'enc:v1:';
// A fixed salt is acceptable: there is one secret per deployment and the salt only has to make
// the derivation Tessera-specific; per-value salts would cost an scrypt per decryption.
const SALT = 'tessera/master-key/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const TAG_BYTES = 16;

/** Why a sealed value could not be opened. Messages never include key material. */
export class MasterKeyError extends Error {
  constructor(
    readonly code: 'MASTER_KEY_REQUIRED' | 'MASTER_KEY_MISMATCH' | 'MALFORMED_SEALED_VALUE' | 'EMPTY_MASTER_KEY',
    message: string,
  ) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** A derived master key able to seal and open values. */
export interface MasterKey {
  seal(plaintext: string, aad?: string): Promise<string>;
  open(sealed: string, aad?: string): Promise<string>;
}

/** True when `value` is in the sealed `enc:v1:` format (as opposed to plaintext such as a PEM). */
export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Derives the AES-256 key from the env value lazily, once. Throws on an empty secret. */
export function createMasterKey(secret: string): MasterKey {
  if (secret.length === 0) throw new MasterKeyError('EMPTY_MASTER_KEY', 'TESSERA_MASTER_KEY is set but empty');
  let derived: Promise<Buffer> | undefined;
  const key = () => (derived ??= deriveKey(secret));
  return {
    async seal(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${encodeBase64url(iv)}.${encodeBase64url(body)}`;
    },
    async open(sealed, aad) {
      const { iv, ciphertext, tag } = parseSealed(sealed);
      const decipher = createDecipheriv('aes-256-gcm', await key(), iv);
      decipher.setAuthTag(tag);
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // GCM authentication failed: the key differs (or the value was tampered with / moved).
        throw new MasterKeyError(
          'MASTER_KEY_MISMATCH',
          'Cannot decrypt a sealed secret: TESSERA_MASTER_KEY is not the key it was sealed with (or the stored value was altered)',
        );
      }
    },
  };
}

/**
 * The master key of an option: a value is used as given (a `MasterKey` already derived is shared,
 * so its scrypt runs once per process), `null` means none, `undefined` reads TESSERA_MASTER_KEY
 * (an empty variable counts as unset; an explicit empty value is a mistake).
 */
export function masterKeyFrom(option: string | MasterKey | null | undefined): MasterKey | null {
  if (typeof option === 'object' && option !== null) return option;
  const secret = option === undefined ? process.env.TESSERA_MASTER_KEY || null : option;
  return secret === null ? null : createMasterKey(secret);
}

/**
 * Opens `stored` if sealed, else returns it unchanged (values written before a master key was
 * configured stay readable). A sealed value without a master key is a clear error.
 */
export async function openIfSealed(stored: string, masterKey: MasterKey | null, aad?: string): Promise<string> {
  if (!isSealed(stored)) return stored;
  if (masterKey === null) {
    throw new MasterKeyError(
      'MASTER_KEY_REQUIRED',
      'A stored secret is encrypted (enc:v1) but TESSERA_MASTER_KEY is not set; start Tessera with the master key it was sealed with',
    );
  }
  return masterKey.open(stored, aad);
}

function parseSealed(sealed: string): { iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array } {
  const malformed = () => new MasterKeyError('MALFORMED_SEALED_VALUE', 'Sealed secret is not in enc:v1:<iv>.<ciphertext> format');
  if (!isSealed(sealed)) throw malformed();
  const [ivText, bodyText, ...rest] = sealed.slice(PREFIX.length).split('.');
  if (ivText === undefined || bodyText === undefined || rest.length > 0) throw malformed();
  let iv: Uint8Array;
  let body: Uint8Array;
  try {
    iv = decodeBase64url(ivText);
    body = decodeBase64url(bodyText);
  } catch {
    throw malformed();
  }
  if (iv.length !== 12 || body.length < TAG_BYTES) throw malformed();
  return { iv, ciphertext: body.subarray(0, body.length - TAG_BYTES), tag: body.subarray(body.length - TAG_BYTES) };
}

function deriveKey(secret: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), SALT, 32, SCRYPT, (err, derived) => (err ? reject(err) : resolve(derived)));
  });
}
