/**
 * The one layout of every page (shared/style.md convention 16): doctype, language, viewport,
 * title, the hashed stylesheet, Tessera's mark and name, the page in a card, and the request's
 * ids in the footer (what a user reads out to an administrator, as on Entra's pages). No inline
 * style; the only script is one a page passes in, carrying the response's CSP nonce.
 */
import { pageCsp } from './csp.js';
import { html, type Html } from './html.js';

/** Per-response facts the layout needs; filled by `pageChrome()` (web/render.ts). */
export interface PageChrome {
  /** This response's CSP nonce (web/csp.ts). */
  nonce: string;
  /** The hashed stylesheet URL, path prefix included (`/static/tessera.<hash>.css`). */
  stylesheetHref: string;
  /** Shown in the footer when given. */
  requestId?: string;
  correlationId?: string;
  /** Other origins a form on this page submits or is redirected to (see web/csp.ts). */
  formActionOrigins?: readonly string[];
  /** Origins of frames on this page (front-channel logout, see web/csp.ts). */
  frameOrigins?: readonly string[];
}

export interface PageContent {
  /** The document title (Tessera's name is appended). */
  title: string;
  body: Html;
  /** HTTP status of the page (200 unless an error page says otherwise). */
  status?: number;
  /** A script for this page: source markup from our code only; it is given the nonce. */
  script?: Html;
  /** A wider card (consent lists). */
  wide?: boolean;
  /** A document-width card (the landing page's tables). */
  broad?: boolean;
}

/** What a handler sends (web/render.ts `sendPage`): the document and its own CSP. */
export interface WebPage {
  status: number;
  html: string;
  csp: string;
}

const MARK = html`<svg class="mark" viewBox="0 0 28 28" aria-hidden="true" focusable="false"><rect class="t1" x="1" y="1" width="12" height="12" rx="3"/><rect class="t2" x="15" y="1" width="12" height="12" rx="3"/><rect class="t3" x="1" y="15" width="12" height="12" rx="3"/><rect class="t4" x="15" y="15" width="12" height="12" rx="6"/></svg>`;

/** The mark as an inline SVG icon (CSP `img-src data:`): no favicon request, no 404 in the log. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect x="1" y="1" width="12" height="12" rx="3" fill="#2f5bd3"/><rect x="15" y="1" width="12" height="12" rx="3" fill="#17a2b8"/><rect x="1" y="15" width="12" height="12" rx="3" fill="#f0a030"/><rect x="15" y="15" width="12" height="12" rx="6" fill="#7b61ff"/></svg>')}`;

export function renderPage(chrome: PageChrome, content: PageContent): WebPage {
  const ids = [
    chrome.requestId && html`<span>Request Id: <code>${chrome.requestId}</code></span>`,
    chrome.correlationId && html`<span>Correlation Id: <code>${chrome.correlationId}</code></span>`,
  ];
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${content.title} · Tessera</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${chrome.stylesheetHref}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div class="shell">
<main class="card${content.wide ? ' wide' : ''}${content.broad ? ' broad' : ''}" id="main">
<header class="brand">${MARK}<span class="wordmark">Tessera</span></header>
${content.body}
</main>
</div>
<footer class="meta">${ids}</footer>
${content.script && html`<script nonce="${chrome.nonce}">${content.script}</script>`}
</body>
</html>`;
  return {
    status: content.status ?? 200,
    html: document.value,
    csp: pageCsp({ nonce: chrome.nonce, script: content.script !== undefined, formActionOrigins: chrome.formActionOrigins ?? [], frameOrigins: chrome.frameOrigins ?? [] }),
  };
}
