/**
 * `$skiptoken` (graph.md §1.5): the directory's opaque cursor plus the advanced-query state, so
 * the next page works whether or not the client repeats `ConsistencyLevel: eventual` (SDKs do
 * not). base64url of a small JSON object; anything else is refused.
 */
import { graphErrors } from '../errors.js';

export interface SkipToken {
  cursor: string;
  /** The first page was an advanced query. */
  advanced: boolean;
}

const MAX_LENGTH = 1024;

export function encodeSkipToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify({ c: token.cursor, a: token.advanced ? 1 : 0 }), 'utf8').toString('base64url');
}

export function decodeSkipToken(value: string): SkipToken {
  if (value.length <= MAX_LENGTH && /^[A-Za-z0-9_-]+$/.test(value)) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'c' in parsed && typeof parsed.c === 'string' && parsed.c !== '') {
        return { cursor: parsed.c, advanced: 'a' in parsed && parsed.a === 1 };
      }
    } catch {
      // not ours
    }
  }
  throw graphErrors.invalidPageToken();
}
