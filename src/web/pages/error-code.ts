/**
 * The page behind `error_uri` (`GET /error?code=…`, protocol.md §1.1): an AADSTS code and its
 * catalog text. A bare document without the sign-in layout, so it needs no stylesheet and takes
 * the default HTML policy of server/html-headers.ts. It shows catalog text only, escaped anyway.
 */
import { html } from '../html.js';

export interface ErrorCodeModel {
  /** `AADSTS90002`, or "Unknown error code". */
  title: string;
  text: string;
}

export function errorCodePage(model: ErrorCodeModel): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${model.title}</title></head><body><h1>${model.title}</h1><p>${model.text}</p></body></html>`.value;
}
