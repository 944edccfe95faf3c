/**
 * The instance secret: 256 random bits made once per database and shared by every node on it
 * (design.md Data: nodes keep no state another node needs), sealed with TESSERA_MASTER_KEY when
 * one is set, like the signing keys. Keys for separate purposes are derived from it with HKDF
 * (RFC 5869), so a key leaked from one use says nothing about another:
 * - `csrf`: HMAC key of the CSRF tokens of the sign-in and consent forms (src/web/csrf.ts);
 * - `pairwise`: key of the pairwise `sub` identifiers (tokens.md §6, src/tokens/claims/subject.ts),
 *   which must stay the same across restarts and nodes, or every app would see its users change.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { openIfSealed, type MasterKey } from '../../lib/master-key.js';
import type { Storage } from '../../storage/index.js';
import { createSettingsQueries } from '../../storage/queries/settings.js';

const SETTING = 'instance_secret';
const AAD = 'tessera/instance-secret';

/** The derived keys, one per purpose (32 bytes each). */
export interface InstanceSecrets {
  csrf: Uint8Array;
  pairwise: Uint8Array;
}

function derive(secret: Buffer, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, Buffer.alloc(0), `tessera/${purpose}/v1`, 32));
}

/**
 * Loads the instance secret, creating it on first use; two nodes racing to create it agree on the
 * one stored first.
 */
export async function loadInstanceSecrets(storage: Storage, masterKey: MasterKey | null): Promise<InstanceSecrets> {
  const settings = createSettingsQueries(storage.db);
  let stored = await settings.get(SETTING);
  if (stored === undefined) {
    const fresh = randomBytes(32).toString('base64url');
    stored = await settings.setIfAbsent(SETTING, masterKey === null ? fresh : await masterKey.seal(fresh, AAD));
  }
  const secret = Buffer.from(await openIfSealed(stored, masterKey, AAD), 'base64url');
  return { csrf: derive(secret, 'csrf'), pairwise: derive(secret, 'pairwise') };
}
