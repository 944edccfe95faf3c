/**
 * The database-backed KeyStore (keystore.ts): keys live in `signing_keys`, so every node sharing
 * one database signs and publishes the same keys (design.md Data). Loaded keys are cached for a
 * short TTL so nodes converge after another node rotates, without a query per token.
 */
import { masterKeyFrom, type MasterKey } from '../../lib/master-key.js';
import type { Storage } from '../../storage/index.js';
import { createSigningKeyQueries, type SigningKeyRow } from '../../storage/queries/signing-keys.js';
import { signJwt } from '../jws.js';
import type { KeyStore, SigningJwk } from './keystore.js';
import { copyJwk, toSigningJwk, toSigningKeyInfo } from './jwks.js';
import { ensureKeys, rotateKeys, type LifecycleContext } from './lifecycle.js';
import { canonical, isPublished } from './rotation.js';
import { createSigningKeyOpener } from './signer.js';

/** Options of {@link createDatabaseKeyStore}. */
export interface DatabaseKeyStoreOptions {
  /** TESSERA_MASTER_KEY value (or the derived key); `undefined` reads the environment, `null` disables sealing. */
  masterKey?: string | MasterKey | null;
  now?: () => Date;
  /** Longest lifetime of any token we sign, skew included. Default 28 h + 5 min (tokens.md §7.2, §8). */
  maxTokenLifetimeSeconds?: number;
  /** How long loaded keys are reused before re-reading the table. Default 30 s. */
  cacheTtlMs?: number;
}

/** Max AT lifetime 28 h (CAE, tokens.md §7.2) plus the 5-minute back-dating of iat/nbf (§8). */
const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 28 * 3600 + 300;
const DEFAULT_CACHE_TTL_MS = 30_000;
const STATUS_ORDER = { active: 0, next: 1, retired: 2 } as const;

interface Snapshot {
  loadedAt: number;
  rows: SigningKeyRow[];
  jwks: Map<string, SigningJwk>;
}

/** Creates a KeyStore over the `signing_keys` table. */
export function createDatabaseKeyStore(storage: Storage, options: DatabaseKeyStoreOptions = {}): KeyStore {
  const db = storage.db;
  const now = options.now ?? (() => new Date());
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const masterKey = masterKeyFrom(options.masterKey);
  const ctx: LifecycleContext = {
    storage,
    masterKey,
    now,
    // A node may keep signing with a just-retired key until its cache expires, so the retired
    // key stays published for the longest token lifetime plus one cache TTL.
    retainMs: (options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS) * 1000 + cacheTtlMs,
  };
  const opener = createSigningKeyOpener(masterKey);
  let snapshot: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  // Bumped by invalidate(): a load that started before must not install its older snapshot.
  let generation = 0;

  async function load(): Promise<Snapshot> {
    let rows = await createSigningKeyQueries(db).listAll();
    if (!canonical(rows, 'active')) {
      // First use on an empty table (or after manual deletion): create keys rather than fail.
      await ensureKeys(ctx);
      rows = await createSigningKeyQueries(db).listAll();
    }
    const previous = snapshot?.jwks;
    const jwks = new Map(rows.map((r) => [r.kid, previous?.get(r.kid) ?? toSigningJwk(r)] as const));
    opener.retain(new Set(rows.filter((r) => r.status === 'active').map((r) => r.kid)));
    return { loadedAt: now().getTime(), rows, jwks };
  }

  function current(): Promise<Snapshot> {
    if (snapshot && now().getTime() - snapshot.loadedAt < cacheTtlMs) return Promise.resolve(snapshot);
    if (loading) return loading;
    const started = generation;
    const pending = load()
      .then((s) => {
        if (started === generation) snapshot = s;
        return s;
      })
      .finally(() => {
        if (loading === pending) loading = null;
      });
    loading = pending;
    return pending;
  }

  return {
    async signJwt(payload, signOptions) {
      const active = canonical((await current()).rows, 'active');
      if (!active) throw new Error('No active signing key');
      return signJwt(payload, await opener.open(active), signOptions);
    },
    async jwks() {
      const s = await current();
      const at = now();
      return s.rows
        .filter((r) => isPublished(r, at))
        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
        .map((r) => copyJwk(s.jwks.get(r.kid) ?? toSigningJwk(r)));
    },
    // Admin view: always read through, never cached.
    list: async () => (await createSigningKeyQueries(db).listAll()).map(toSigningKeyInfo),
    async rotate() {
      await rotateKeys(ctx);
      invalidate();
      return (await createSigningKeyQueries(db).listAll()).map(toSigningKeyInfo);
    },
    async ensureKeys() {
      await ensureKeys(ctx);
      invalidate();
    },
    invalidate,
  };

  function invalidate(): void {
    snapshot = null;
    loading = null;
    generation++;
  }
}

