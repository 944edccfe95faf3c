/**
 * The repository's `docs/*.md`, served read-only at `/docs/<name>.md` and linked from the
 * landing page. The allowlist is the directory's regular `.md` files, listed once at start:
 * a request only ever selects an entry of it by exact name, and no part of the request becomes
 * a path (`/docs/../package.json`, `%2e%2e%2f…`, symlinks and subdirectories are never served).
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** `docs/` beside `src/` (or `dist/`): this file is `<root>/src/web/landing/docs.ts`. */
export const DOCS_DIR = fileURLToPath(new URL('../../../docs/', import.meta.url));

/** Plain names only: no separators, no leading dot, no NUL. */
const DOC_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/;

export interface DocsIndex {
  /** File names, sorted (`architecture.md`, …). */
  readonly names: readonly string[];
  /** The file's text, or undefined when `name` is not in the allowlist (or vanished since start). */
  read(name: string): Promise<string | undefined>;
}

/** Lists `dir` once; an unreadable or missing directory gives an empty index (a bundle without docs). */
export async function loadDocsIndex(dir: string = DOCS_DIR): Promise<DocsIndex> {
  const files = new Map<string, string>();
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      // isFile() is false for a symbolic link: nothing outside docs/ can be reached through one.
      if (entry.isFile() && DOC_NAME.test(entry.name)) files.set(entry.name, `${dir.replace(/\/?$/, '/')}${entry.name}`);
    }
  } catch {
    // No docs directory: the page lists none and every /docs/ path is a 404.
  }
  const names = [...files.keys()].sort();
  return {
    names,
    async read(name) {
      const file = files.get(name);
      if (file === undefined) return undefined;
      try {
        return await readFile(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
