/**
 * The keys Graph verifies against: every key the token service publishes (`KeyStore.jwks()`),
 * as a jose local key set. Rebuilt after `ttlMs`, and at once when a token names an unknown kid
 * (another node rotated), but not more often than `minRefreshMs` so that tokens with made-up
 * kids cannot make every request reload keys (tokens.md §7.3 step 2).
 */
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { KeyStore } from '../../tokens/keys/keystore.js';

export interface JwksResolver {
  /** The current key set. */
  current(): Promise<JWTVerifyGetKey>;
  /** Reload after an unknown kid; false when a reload happened too recently. */
  refresh(): Promise<boolean>;
}

export function createJwksResolver(keys: KeyStore, now: () => number, options = { ttlMs: 60_000, minRefreshMs: 10_000 }): JwksResolver {
  let set: JWTVerifyGetKey | null = null;
  let loadedAt = 0;
  let loading: Promise<JWTVerifyGetKey> | null = null;

  function load(): Promise<JWTVerifyGetKey> {
    loading ??= keys
      .jwks()
      .then((jwks) => {
        set = createLocalJWKSet({ keys: jwks } as unknown as JSONWebKeySet);
        loadedAt = now();
        return set;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return {
    async current() {
      if (set !== null && now() - loadedAt < options.ttlMs) return set;
      return load();
    },
    async refresh() {
      if (now() - loadedAt < options.minRefreshMs) return false;
      keys.invalidate();
      await load();
      return true;
    },
  };
}
