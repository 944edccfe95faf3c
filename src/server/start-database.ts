/** Where the database is: `--database`, else SQLite in the data directory. */
import { join } from 'node:path';
import type { TesseraConfig } from '../config/schema.js';

/** `--database`, else `sqlite:<data-dir>/tessera.db`. */
export function databaseUrlOf(config: Pick<TesseraConfig, 'database' | 'dataDir'>): string {
  return config.database ?? `sqlite:${join(config.dataDir, 'tessera.db')}`;
}
