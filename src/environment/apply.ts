/**
 * Applying an environment (docs/environment.md): validate (schema.ts), resolve every reference
 * against the directory (plan.ts), and only then write (execute.ts) — all in one directory
 * transaction, so an invalid file changes nothing and a valid one is applied whole.
 * Idempotent: objects are matched by id, else by natural key, and created only when missing.
 */
import type { Directory } from '../directory/directory.js';
import { executePlan } from './execute.js';
import { loadEnvironmentFile, parseEnvironment } from './parse.js';
import { planEnvironment } from './plan.js';
import type { AppliedEnvironment } from './result.js';
import type { Environment, EnvironmentInput } from './schema.js';

/** Options of {@link applyEnvironment}. */
export interface ApplyEnvironmentOptions {
  /** Where relative certificate `file` paths are read from. Default: the current directory. */
  baseDir?: string;
  /** Name used in error messages (the file name). */
  source?: string;
}

/**
 * Applies an environment object (validated here) in one transaction.
 * @throws EnvironmentError listing every problem with its field path; nothing is written then.
 */
export async function applyEnvironment(
  directory: Directory,
  input: EnvironmentInput | Environment | unknown,
  options: ApplyEnvironmentOptions = {},
): Promise<AppliedEnvironment> {
  const environment = parseEnvironment(input, options.source);
  const baseDir = options.baseDir ?? process.cwd();
  return directory.transaction(async (tx) => {
    const plan = await planEnvironment(tx, environment, { baseDir, source: options.source });
    return executePlan(tx, plan);
  });
}

/** Reads, validates and applies an environment file (YAML or JSON). */
export async function applyEnvironmentFile(directory: Directory, file: string): Promise<AppliedEnvironment> {
  const loaded = await loadEnvironmentFile(file);
  return applyEnvironment(directory, loaded.environment, { baseDir: loaded.baseDir, source: file });
}
