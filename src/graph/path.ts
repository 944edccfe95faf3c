/**
 * Graph resource paths (graph.md §1.1): `/users/{key}`, `/users('{key}')` and `/users(key)` are
 * the same path. Segments are split before percent-decoding, so an encoded `/` stays inside its
 * segment; a quoted key undoubles `''`. Alternate keys (`(appId='…')`) are kept as keys with
 * their property name, for routes that accept them later.
 */
import { graphErrors } from './errors.js';

export interface PathSegment {
  /** The decoded segment, or the key value of `name(key)`. */
  text: string;
  /** A key from parentheses: never matches a literal segment. */
  key: boolean;
  /** For alternate keys `(appId='…')`: the property named. */
  keyProperty?: string;
}

const KEYED = /^([^()]+)\((.*)\)$/s;
const ALTERNATE = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/s;

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}

export function parseGraphPath(rawPath: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    // Most segments (`users`, a GUID) have nothing to decode and no key: skip that work.
    let text = raw;
    if (raw.includes('%')) {
      try {
        text = decodeURIComponent(raw);
      } catch {
        throw graphErrors.segmentNotFound(raw);
      }
    }
    const keyed = text.includes('(') ? KEYED.exec(text) : null;
    if (keyed === null) {
      segments.push({ text, key: false });
      continue;
    }
    segments.push({ text: keyed[1] as string, key: false });
    const inner = (keyed[2] as string).trim();
    const alternate = inner.startsWith("'") ? null : ALTERNATE.exec(inner);
    segments.push(alternate === null ? { text: unquote(inner), key: true } : { text: unquote((alternate[2] as string).trim()), key: true, keyProperty: alternate[1] as string });
  }
  return segments;
}
