/**
 * Static assets: one stylesheet, addressed by a hash of its content so it can be cached forever
 * (`immutable`) and still change with a release (a new hash is a new URL). The hash is computed
 * once at start from the bytes served.
 */
import { createHash } from 'node:crypto';
import { TESSERA_CSS } from './tessera-css.js';

export interface StaticAsset {
  /** The file name under `/static/`, e.g. `tessera.3f9a0c12d4e5b6a7.css`. */
  fileName: string;
  contentType: string;
  body: Buffer;
}

function hashed(stem: string, extension: string, contentType: string, text: string): StaticAsset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { fileName: `${stem}.${hash}.${extension}`, contentType, body };
}

export const stylesheet: StaticAsset = hashed('tessera', 'css', 'text/css; charset=utf-8', TESSERA_CSS);

/** Every asset, by file name: anything else under `/static/` is a 404. */
export const staticAssets: ReadonlyMap<string, StaticAsset> = new Map([[stylesheet.fileName, stylesheet]]);

/** `Cache-Control` of a content-addressed asset (RFC 8246 `immutable`: never revalidate). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
