/**
 * File modes of what Tessera keeps on disk (issue "any local user can forge tokens"): the data
 * directory is 0700 and every file in it 0600 — the SQLite database and its -wal/-shm (SQLite
 * gives those the database file's mode), signing keys inside it, the CA and server keys,
 * demo.json and the demo daemon's key. Public certificates (ca.pem, server.pem, demo-daemon.pem)
 * are 0600 too: inside a 0700 directory group/other bits grant nothing anyway, the user running
 * Tessera (who sets NODE_EXTRA_CA_CERTS) can read them, and one rule with no exceptions is easy
 * to check. Another account that needs the CA gets a copy.
 *
 * Modes are set explicitly at creation (mkdir 0700, files opened 0600), not with a process-wide
 * umask, which would also change the files of an application embedding `startTessera()`.
 * At start, looser modes of the directory and of Tessera's files are tightened, each with a
 * warning; one of them owned by another user, or that cannot be tightened, stops the start.
 */
import { access, chmod, lstat, mkdir, open, readdir, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileProblem } from './file-errors.js';

/** The data directory or a file in it is unsafe or unusable (cannot be created, read or written), and Tessera cannot fix it. */
export class DataDirPermissionError extends Error {
  override name = 'DataDirPermissionError';
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Mode of a directory Tessera creates. */
export const DIR_MODE = 0o700;
/** Mode of every file Tessera writes. */
export const FILE_MODE = 0o600;

// POSIX permissions only: on Windows, chmod sets the read-only flag and uid is 0.
const POSIX = process.platform !== 'win32';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Creates `dir` (and missing parents) with mode 0700; an existing directory is left as it is. */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** Options of {@link securePrivateDir}. */
export interface PrivateDirOptions {
  /** Create the directory (0700) when it is missing. */
  create: boolean;
  /** Whether a file name is one Tessera writes there (tightened; others are only reported). */
  isOwn(name: string): boolean;
}

/**
 * Checks `dir` and the regular files directly in it. The directory and Tessera's own files
 * lose their group/other bits, one warning per change; a loose file that is not Tessera's
 * (someone chose a shared directory as the data directory) is left as it is and named in one
 * warning. Missing and not `create`: nothing to check.
 * @throws DataDirPermissionError when the directory or one of Tessera's files belongs to another
 * user or cannot be tightened.
 */
export async function securePrivateDir(dir: string, options: PrivateDirOptions): Promise<string[]> {
  const stat = () => statOptional(dir).catch((cause: unknown) => unusable(dir, 'The data directory', 'cannot be reached', cause));
  let info = await stat();
  if (info === null && options.create) {
    await makePrivateDir(dir).catch((cause: unknown) => unusable(dir, 'The data directory', 'cannot be created', cause));
    info = await stat();
  }
  if (info === null) return [];
  if (!info.isDirectory()) throw new DataDirPermissionError(dir, `The data directory ${dir} is not a directory`);
  // Before anything is written: a directory Tessera cannot list or write in (e.g. mode 0500)
  // fails here, naming it, rather than halfway through with a bare EACCES.
  await access(dir, constants.R_OK | constants.W_OK | constants.X_OK).catch((cause: unknown) => unusable(dir, 'The data directory', `is not readable and writable by this user${uidNote()}`, cause));
  if (!POSIX) return [];
  const warnings: string[] = [];
  await tighten(dir, info, DIR_MODE, warnings);
  const foreign: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    // A temp file renamed away meanwhile (another process writing TLS material) is no concern.
    const entry = await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    // Only regular files: Tessera writes no others (symlinks are the operator's choice).
    if (entry?.isFile() !== true) continue;
    if (options.isOwn(name)) await tighten(path, entry, FILE_MODE, warnings);
    else if ((entry.mode & 0o077) !== 0) foreign.push(name);
  }
  if (foreign.length > 0) {
    warnings.push(`${dir} also holds files other local users can read, not Tessera's, left as they are: ${foreign.join(', ')}`);
  }
  return warnings;
}

/**
 * The SQLite database file: created empty with mode 0600 before SQLite opens it (SQLite would
 * create it 0644 and give -wal/-shm the same mode), or an existing one and its -wal/-shm
 * tightened. A missing parent directory is left for SQLite to report.
 */
export async function secureSqliteFiles(file: string): Promise<string[]> {
  const parent = await statOptional(dirname(file)).catch((cause: unknown) => unusable(dirname(file), 'The directory of the database file', 'cannot be examined', cause));
  if (parent === null) return [];
  try {
    await (await open(file, 'wx', FILE_MODE)).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') unusable(file, 'The database file', 'cannot be created', error);
  }
  await access(file, constants.R_OK | constants.W_OK).catch((cause: unknown) => unusable(file, 'The database file', `is not readable and writable by this user${uidNote()}`, cause));
  if (!POSIX) return [];
  const warnings: string[] = [];
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    const info = await statOptional(path);
    if (info !== null) await tighten(path, info, FILE_MODE, warnings);
  }
  return warnings;
}

async function tighten(path: string, info: Stats, wanted: number, warnings: string[]): Promise<void> {
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new DataDirPermissionError(
      path,
      `${path} belongs to another user (uid ${info.uid}, not ${uid}): it may have been read or replaced. Run Tessera as its owner, or use a data directory of your own`,
    );
  }
  if ((info.mode & 0o077) === 0) return;
  const mode = info.mode & wanted;
  try {
    await chmod(path, mode);
  } catch (cause) {
    throw new DataDirPermissionError(path, `${path} has mode ${octal(info.mode)} and cannot be made ${octal(mode)} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); fix it with chmod`, { cause });
  }
  warnings.push(`Tightened ${path} from mode ${octal(info.mode)} to ${octal(mode)}: other local users could read it`);
}

const uidNote = () => (process.getuid === undefined ? '' : ` (uid ${process.getuid()})`);

/** Throws the DataDirPermissionError of `path` that `what` (e.g. "cannot be created") because of `cause`. */
function unusable(path: string, kind: string, what: string, cause: unknown): never {
  const code = (cause as NodeJS.ErrnoException).code;
  const problem = fileProblem(code);
  const reason = code === undefined ? (cause as Error).message : `${problem ?? 'error'} (${code})`;
  throw new DataDirPermissionError(path, `${kind} ${path} ${what}: ${reason}`, { cause });
}

async function statOptional(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
