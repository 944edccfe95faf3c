/**
 * The one HTML template helper of the web surface (shared/style.md convention 16): a tagged
 * template that escapes every interpolation by default, so no page can forget to. App names,
 * login hints, states and redirect URIs are attacker-controlled (design.md Security); they can only
 * reach a page through this tag.
 *
 * - `html\`<p>${name}</p>\`` escapes `name` (& < > " ' and backtick: safe in element text and in
 *   quoted attribute values; our templates always quote attributes).
 * - A value that is already `Html` (the result of `html\`…\``) is inserted as is: nesting is safe
 *   because the inner template escaped its own interpolations.
 * - Arrays are joined, each item escaped or nested by the same rule; `null`, `undefined` and
 *   `false` render nothing (for `${cond && html\`…\`}`).
 * - `raw()` is the only way to mark a string as HTML, and it is audited (see its comment).
 * - URLs built from data go through `safeUrl()`, which refuses `javascript:` and friends.
 */

const BRAND: unique symbol = Symbol('tessera.html');

/** A string of markup produced by `html` (or, audited, by `raw`). Never built by concatenation. */
export interface Html {
  readonly [BRAND]: true;
  readonly value: string;
  toString(): string;
}

/** What may be interpolated: text (escaped), numbers, markup, lists, and nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

function markup(value: string): Html {
  return { [BRAND]: true, value, toString: () => value };
}

export function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && (value as Partial<Html>)[BRAND] === true;
}

/** Escapes text for element content and quoted attribute values (HTML Living Standard §13.1.2.3). */
export function escapeText(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isHtml(value)) return value.value;
  return escapeText(String(value));
}

/** The tag: literal parts are trusted (they are our source code), interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return markup(out);
}

/**
 * AUDITED ESCAPE HATCH — the one function that turns a string into markup without escaping.
 * Call it only with markup that comes from our own source code (a constant), never with
 * anything derived from a request, the directory or configuration. Every call site is reviewed;
 * `grep -rn "raw(" src/web` lists them.
 */
export function raw(trustedMarkup: string): Html {
  return markup(trustedMarkup);
}

/** Thrown by `safeUrl` for a URL a page must not link or post to. */
export class UnsafeUrlError extends Error {
  constructor() {
    super('refused a URL that is neither http(s) nor a same-origin path');
    this.name = 'UnsafeUrlError';
  }
}

/**
 * A URL for `href` / `action` / `src` built from data: absolute `http:`/`https:` URLs and
 * same-origin absolute paths (`/…`, not `//…`) pass; `javascript:`, `data:`, `vbscript:`,
 * protocol-relative and unparsable values are refused. Escaping is still applied by `html`
 * when the result is interpolated (the result is a plain string, not `Html`).
 * Browsers strip tabs/newlines anywhere and leading/trailing spaces before parsing (URL Standard
 * §4.4: `/\t/evil.example` becomes protocol-relative), so such values are refused, not guessed at.
 */
export function safeUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value) || value !== value.trim()) throw new UnsafeUrlError();
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UnsafeUrlError();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError();
  return value;
}
