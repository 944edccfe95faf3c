/**
 * The database URL grammar, in one place: configuration validates `--database` with it before
 * anything is created, `openStorage` connects by it, and the data-directory checks find the
 * SQLite file by it. Anything with a URL scheme Tessera does not speak is refused, so that
 * `mysql://…` or a typo such as `postgress://…` is never taken for an SQLite file name.
 */

/** What a database URL names. */
export type DatabaseTarget = { kind: 'memory' } | { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The accepted forms, as error messages and docs name them. */
export const DATABASE_URL_FORMS = 'postgres://… or postgresql://…, sqlite:<file> or a plain file path, or :memory:';

/** A database URL Tessera cannot open; nothing was created for it. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

// A scheme is two or more characters before the colon (RFC 3986 §3.1), so that a Windows drive
// letter (`C:\data\tessera.db`) stays a file path. `./a:b.db` is a file too: it starts with '.'.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/**
 * Reads `url`: `:memory:` / `sqlite::memory:`, `sqlite:<file>` (also `sqlite:///abs/path`),
 * `postgres://…` / `postgresql://…`, or a plain file path (SQLite).
 * @throws DatabaseUrlError for another scheme, a malformed PostgreSQL URL or an empty file name.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url === ':memory:' || url === 'sqlite::memory:') return { kind: 'memory' };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (url.trim() === '') throw new DatabaseUrlError(`the database URL is empty: use ${DATABASE_URL_FORMS}`);
    return { kind: 'sqlite', file: url };
  }
  if (scheme === 'sqlite') {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new DatabaseUrlError(`'${url}' names no file: use sqlite:<file>, e.g. sqlite:.tessera/tessera.db`);
    return { kind: 'sqlite', file };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    if (!/^postgres(ql)?:\/\/./i.test(url)) throw new DatabaseUrlError(`'${redact(url)}' is not a PostgreSQL URL: use postgres://user@host/database`);
    return { kind: 'postgres', url };
  }
  throw new DatabaseUrlError(`'${redact(url)}' has the unknown scheme '${scheme}:': use ${DATABASE_URL_FORMS}`);
}

/** `scheme://user:secret@host` → `scheme://user:***@host`: a URL may carry a password. */
function redact(url: string): string {
  return url.replace(/^([^:/]+:\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}
