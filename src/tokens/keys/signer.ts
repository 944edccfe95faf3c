/**
 * Opens stored private keys into KeyObjects once and keeps them, so signing never parses PEM or
 * runs the master-key KDF per request (design.md Performance).
 */
import { createPrivateKey } from 'node:crypto';
import { MasterKeyError, openIfSealed, type MasterKey } from '../../lib/master-key.js';
import type { SigningKeyRow } from '../../storage/queries/signing-keys.js';
import type { JwsSigningKey } from '../jws.js';

/** Memoizing opener of signing keys. */
export interface SigningKeyOpener {
  open(row: Pick<SigningKeyRow, 'kid' | 'private_key'>): Promise<JwsSigningKey>;
  /** Forget opened keys whose kid is not in `keep` (rotated out). */
  retain(keep: ReadonlySet<string>): void;
}

/** Creates an opener; `masterKey` null means keys are expected in clear (PKCS#8 PEM). */
export function createSigningKeyOpener(masterKey: MasterKey | null): SigningKeyOpener {
  const opened = new Map<string, Promise<JwsSigningKey>>();
  return {
    open(row) {
      let key = opened.get(row.kid);
      if (!key) {
        key = openSigningKey(row, masterKey);
        opened.set(row.kid, key);
        // A failed open (wrong master key) must not stick: the next call retries.
        key.catch(() => opened.delete(row.kid));
      }
      return key;
    },
    retain(keep) {
      for (const kid of opened.keys()) if (!keep.has(kid)) opened.delete(kid);
    },
  };
}

async function openSigningKey(row: Pick<SigningKeyRow, 'kid' | 'private_key'>, masterKey: MasterKey | null): Promise<JwsSigningKey> {
  let pem: string;
  try {
    // The kid is the AAD: a sealed key copied onto another row does not open.
    pem = await openIfSealed(row.private_key, masterKey, row.kid);
  } catch (err) {
    if (err instanceof MasterKeyError) throw new MasterKeyError(err.code, `Signing key ${row.kid}: ${err.message}`);
    throw err;
  }
  try {
    return { kid: row.kid, privateKey: createPrivateKey({ key: pem, format: 'pem' }) };
  } catch (cause) {
    throw new Error(`Signing key ${row.kid}: stored private key is not a valid PKCS#8 PEM`, { cause });
  }
}
