/**
 * The configuration error, apart from the loader (load.ts pulls in zod and the config schema):
 * the CLI's error reporting checks for it on every exit, `--help` included, and stays light.
 */

/** Invalid configuration (exit code 2 in the CLI). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
