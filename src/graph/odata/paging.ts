/**
 * `$top`, `$count` and `@odata.nextLink` (graph.md §1.5, §1.6): directory pages of 1..999
 * (default 100), and nextLinks that are absolute URLs on the client's own origin repeating the
 * original query options plus `$skiptoken`.
 */
import type { GraphContext } from '../context.js';
import { graphErrors } from '../errors.js';
import { decodeQueryComponent, systemOptionName } from './query-options.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

export function parseTop(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw graphErrors.badRequest(`Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`);
  const top = Number(value);
  if (top < 1 || top > MAX_PAGE_SIZE) throw graphErrors.invalidPageSize(value.trim());
  return top;
}

/** `$count=true|false` (OData: a Boolean); anything else is a 400. */
export function parseCountOption(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw graphErrors.badRequest(`'${value}' is not a valid count option.`);
}

/** The original query without any skiptoken, then `$skiptoken=<token>`. */
export function nextLink(ctx: Pick<GraphContext, 'origin' | 'version' | 'rawPath' | 'query'>, skipToken: string): string {
  const kept = ctx.query.raw.split('&').filter((pair) => {
    if (pair === '') return false;
    const eq = pair.indexOf('=');
    return systemOptionName(decodeQueryComponent(eq < 0 ? pair : pair.slice(0, eq))) !== 'skiptoken';
  });
  kept.push(`$skiptoken=${skipToken}`);
  return `${ctx.origin}/${ctx.version}${ctx.rawPath}?${kept.join('&')}`;
}
