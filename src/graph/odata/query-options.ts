/**
 * System query options (graph.md §1.6) read from the raw query string. Names are matched
 * case-insensitively, and the `$` prefix is optional (beta, and v1.0 for several APIs; we accept
 * both everywhere). Other parameters are ignored; an unknown `$name` is refused as OData does.
 */
import { graphErrors } from '../errors.js';

export const SYSTEM_QUERY_OPTIONS = ['select', 'filter', 'top', 'count', 'skiptoken', 'search', 'orderby', 'expand', 'skip', 'format'] as const;
export type SystemQueryOption = (typeof SYSTEM_QUERY_OPTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(SYSTEM_QUERY_OPTIONS);

export interface QueryOptions {
  /** Decoded values by option name (without `$`). */
  readonly values: Readonly<Partial<Record<SystemQueryOption, string>>>;
  /** The query string as sent, without `?` (nextLinks repeat it). */
  readonly raw: string;
}

const invalidComponent = (text: string) => graphErrors.badRequest(`The query specified in the URI is not valid. '${text}' is not a valid URI component.`);

/** The decoded text; malformed escapes and NUL (which no directory value holds) are a 400. */
export function decodeQueryComponent(text: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalidComponent(text);
  }
  // PostgreSQL refuses NUL in text parameters: it would surface as a 500, not the client's 400.
  if (decoded.includes('\u0000')) throw invalidComponent(text);
  return decoded;
}

/** The option a raw `name` stands for, or null for a parameter that is not a system option. */
export function systemOptionName(name: string): SystemQueryOption | null {
  const bare = (name.startsWith('$') ? name.slice(1) : name).toLowerCase();
  if (KNOWN.has(bare)) return bare as SystemQueryOption;
  // OData: an unknown `$`-option is an error, not something to ignore.
  if (name.startsWith('$')) throw graphErrors.badRequest(`The query parameter '${name}' is not supported.`);
  return null;
}

export function parseQueryOptions(raw: string): QueryOptions {
  const values: Partial<Record<SystemQueryOption, string>> = {};
  if (raw === '') return { values, raw };
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeQueryComponent(eq < 0 ? pair : pair.slice(0, eq));
    const option = systemOptionName(name);
    if (option === null) continue;
    if (values[option] !== undefined) {
      throw graphErrors.badRequest(`Query option '$${option}' was specified more than once, but it must be specified at most once.`);
    }
    values[option] = eq < 0 ? '' : decodeQueryComponent(pair.slice(eq + 1));
  }
  return { values, raw };
}
