/**
 * Why an environment was refused: every problem with the path of the field it is about, so a
 * user can find it in the file (`tenants[0].applications[2].web.redirectUris[0]: must be an
 * absolute https URI`). Nothing is written when one is thrown.
 */
import { ApplicationUrlError } from '../directory/applications.js';
import { isDirectoryError } from '../directory/errors.js';

/** One problem in an environment, at a field path. */
export interface EnvironmentIssue {
  /** Path segments from the root of the environment: property names and array indexes. */
  path: ReadonlyArray<string | number>;
  message: string;
}

/** An environment that cannot be applied. Thrown before anything is written (or rolled back). */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  readonly issues: readonly EnvironmentIssue[];

  constructor(issues: readonly EnvironmentIssue[], source?: string) {
    super(`${source ? `${source}: ` : ''}invalid environment:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.issues = issues;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['tenants', 0, 'web', 'redirectUris', 1]` → `tenants[0].web.redirectUris[1]`. */
export function formatPath(path: ReadonlyArray<string | number | symbol>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** `path: message`. */
export function formatIssue(issue: EnvironmentIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Collects issues while resolving; throws them all at once. */
export class IssueList {
  readonly issues: EnvironmentIssue[] = [];

  add(path: ReadonlyArray<string | number>, message: string): void {
    this.issues.push({ path: [...path], message });
  }

  throwIfAny(source?: string): void {
    if (this.issues.length > 0) throw new EnvironmentError(this.issues, source);
  }
}

/** Runs `write`, turning a directory rule violation (not a storage failure) into an error at `path`. */
export async function at<T>(path: ReadonlyArray<string | number>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // Refused URLs name their property: report each at its own path below `path`.
    if (error instanceof ApplicationUrlError) throw new EnvironmentError(error.issues.map((i) => ({ path: [...path, ...i.path], message: i.message })));
    if (isDirectoryError(error) && error.kind !== 'StorageFailure') throw new EnvironmentError([{ path, message: error.message }]);
    throw error;
  }
}
