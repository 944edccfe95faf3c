/**
 * CLI failures and exit codes: 0 ok, 1 runtime error, 2 usage or validation error. A user's
 * mistake is one readable message, never a stack trace (TESSERA_DEBUG=1 shows them).
 */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import { isDirectoryError } from '../directory/errors.js';
import { EnvironmentError } from '../environment/errors.js';
import { describeFileError } from '../lib/file-errors.js';
import { DatabaseUrlError } from '../storage/database-url.js';

/** A mistake in the command line the user can fix (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A runtime failure with a message meant for the user (exit code 1, no stack trace). */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** Exit code and the message to print for `error`; `null` message: already printed. */
export function describeFailure(error: unknown): { code: number; message: string | null } {
  if (error instanceof CommanderError) {
    // commander printed its own message (or the help / version text).
    const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    return { code: ok ? EXIT_OK : EXIT_USAGE, message: null };
  }
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof EnvironmentError || error instanceof DatabaseUrlError) {
    return { code: EXIT_USAGE, message: error.message };
  }
  if (isDirectoryError(error)) {
    if (error.kind === 'Validation' || error.kind === 'NotFound') return { code: EXIT_USAGE, message: error.message };
    if (error.kind === 'Conflict') return { code: EXIT_RUNTIME, message: error.message };
  }
  if (error instanceof CliFailure) return { code: EXIT_RUNTIME, message: error.message };
  const file = describeFileError(error);
  if (file !== null) return { code: EXIT_RUNTIME, message: file };
  const detail = process.env.TESSERA_DEBUG ? (error as Error)?.stack : undefined;
  const text = error instanceof Error ? error.message : String(error);
  return { code: EXIT_RUNTIME, message: detail ?? `${text}\n(set TESSERA_DEBUG=1 for details)` };
}

