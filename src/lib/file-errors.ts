/**
 * File-system error codes an operator can act on, in words: the CLI and the data-directory
 * checks name the path and one of these instead of a bare `EACCES`. Other codes are not the
 * operator's to fix (they are bugs) and keep their stack trace.
 */
const PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'a file of that name exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** `permission denied` for `EACCES`; undefined for a code that is not the operator's to fix. */
export function fileProblem(code: string | undefined): string | undefined {
  return code === undefined ? undefined : PROBLEMS[code];
}

/** `Cannot open /x/ca.pem: permission denied (EACCES)` for a file-system error with a path, else null. */
export function describeFileError(error: unknown): string | null {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const problem = fileProblem(code);
  if (typeof path !== 'string' || problem === undefined) return null;
  return `Cannot ${syscall ?? 'use'} ${path}: ${problem} (${code})`;
}
