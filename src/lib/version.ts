/**
 * Tessera's version, from package.json: shown by `tessera --version` and on the landing page.
 * src/lib/ and dist/lib/ are both two levels below the package root.
 */
import { readFileSync } from 'node:fs';

export function tesseraVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
