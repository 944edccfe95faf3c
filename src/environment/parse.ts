/**
 * Reading and validating environments: YAML or JSON text → the zod schema (schema.ts), with
 * every problem reported at its field path.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { EnvironmentError, type EnvironmentIssue } from './errors.js';
import { environmentSchema, type Environment } from './schema.js';

type ZodIssue = z.core.$ZodIssue;

/** Validates an already-parsed environment object. */
export function parseEnvironment(input: unknown, source?: string): Environment {
  const result = environmentSchema.safeParse(input);
  if (result.success) return result.data;
  throw new EnvironmentError(flattenIssues(result.error.issues, []), source);
}

/** A validated environment file and the directory its relative paths are read from. */
export interface LoadedEnvironment {
  environment: Environment;
  baseDir: string;
  file: string;
}

/** Reads `file` (`.json` as JSON, anything else as YAML, which includes JSON) and validates it. */
export async function loadEnvironmentFile(file: string): Promise<LoadedEnvironment> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EnvironmentError([{ path: [], message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }], file);
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new EnvironmentError([{ path: [], message: `not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}` }], file);
  }
  return { environment: parseEnvironment(value ?? {}, file), baseDir: dirname(path), file: path };
}

/** zod issues → our issues: unknown keys get their own path, unions report the branch that fit. */
function flattenIssues(issues: readonly ZodIssue[], prefix: ReadonlyArray<string | number>): EnvironmentIssue[] {
  const out: EnvironmentIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // The branch whose type matched (no type error at its root) explains the problem best.
      const fitting = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (fitting.length === 1 && fitting[0] !== undefined) out.push(...flattenIssues(fitting[0], path));
      else out.push({ path, message: describeUnion(issue.errors) });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

function describeUnion(branches: readonly (readonly ZodIssue[])[]): string {
  const expected = branches.flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => (i as { expected?: string }).expected ?? ''));
  const names = [...new Set(expected.filter(Boolean))];
  return names.length > 0 ? `expected ${names.join(' or ')}` : 'invalid value';
}
