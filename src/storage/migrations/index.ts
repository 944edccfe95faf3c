/**
 * The migration list, static so it works from tsx and from a bundled dist alike (no
 * filesystem scanning). Append new migrations; never edit or reorder old ones.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as protocolState from './0002-protocol-state.js';
import * as consentPolicy from './0003-consent-policy.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-protocol-state': protocolState,
  '0003-consent-policy': consentPolicy,
};

/** Kysely migration provider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
