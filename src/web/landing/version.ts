/** Tessera's version, from package.json (src/ and dist/ are both three levels below the root here). */
import { readFile } from 'node:fs/promises';

export async function readVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
