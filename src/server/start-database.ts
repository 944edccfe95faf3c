/**
 * Where the database is: `--database`, else SQLite in the data directory; and the file modes of
 * the data directory and database files (lib/private-files.ts), made safe before they are opened.
 */
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { TesseraConfig } from '../config/schema.js';
import { DEMO } from '../environment/demo-values.js';
import { securePrivateDir, secureSqliteFiles } from '../lib/private-files.js';
import { parseDatabaseUrl } from '../storage/database-url.js';
import { isTlsTempFile, TLS_FILES } from './tls.js';

const DEFAULT_DATABASE = 'tessera.db';

/** `--database`, else `sqlite:<data-dir>/tessera.db`. */
export function databaseUrlOf(config: Pick<TesseraConfig, 'database' | 'dataDir'>): string {
  return config.database ?? `sqlite:${join(config.dataDir, DEFAULT_DATABASE)}`;
}

/** A SQLite database's file and the ones SQLite keeps beside it. */
function sqliteNames(name: string): string[] {
  return [name, `${name}-wal`, `${name}-shm`, `${name}-journal`];
}

/**
 * The SQLite file a database URL names (the same reading as storage's `openStorage`), or null
 * for PostgreSQL and in-memory databases.
 * @throws DatabaseUrlError for a URL storage cannot open (configuration refuses those earlier).
 */
export function sqliteFileOf(url: string): string | null {
  const target = parseDatabaseUrl(url);
  return target.kind === 'sqlite' ? target.file : null;
}

/**
 * Data directory 0700 and its files 0600 (lib/private-files.ts), before anything is written: created
 * when the SQLite database lives in it, checked (and tightened) whenever it exists; an SQLite
 * file elsewhere gets the same file modes. Returns the warnings of what was tightened.
 * @throws DataDirPermissionError
 */
export async function secureDataFiles(config: Pick<TesseraConfig, 'dataDir'>, databaseUrl: string): Promise<string[]> {
  const file = sqliteFileOf(databaseUrl);
  const dataDir = resolve(config.dataDir);
  const inside = file === null ? null : relative(dataDir, resolve(file));
  const inDataDir = inside !== null && !inside.startsWith('..') && !isAbsolute(inside);
  const own = new Set([...Object.values(TLS_FILES), ...Object.values(DEMO.files), ...sqliteNames(DEFAULT_DATABASE)]);
  if (file !== null) for (const name of sqliteNames(basename(file))) own.add(name);
  const warnings = await securePrivateDir(dataDir, { create: inDataDir, isOwn: (name) => own.has(name) || isTlsTempFile(name) });
  if (file !== null) warnings.push(...(await secureSqliteFiles(file)));
  // The data-dir scan already saw the database's files; report each path once.
  return [...new Set(warnings)];
}
