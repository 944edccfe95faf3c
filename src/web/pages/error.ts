/**
 * The front channel's error page, in Entra's shape: "Sign in", "Sorry, but we're having trouble
 * signing you in.", the `AADSTS…` line, and the troubleshooting details a user reads out to an
 * administrator (Request Id, Correlation Id, Timestamp, the app when known). The message may
 * quote request values (a redirect URI): it is escaped like everything else.
 */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';

export interface ErrorPageModel {
  status: number;
  /** The AADSTS code, when the error has one. */
  code?: number;
  /** The catalog message (formatted), e.g. "The redirect URI '…' specified in the request does not match …". */
  message: string;
  /** Default "Sorry, but we're having trouble signing you in." */
  summary?: string;
  appName?: string;
  appId?: string;
  requestId?: string;
  correlationId?: string;
  /** ISO 8601, e.g. `2026-12-01T22:31:07Z` (Entra's format). */
  timestamp?: string;
}

export function errorPage(model: ErrorPageModel, chrome: PageChrome): WebPage {
  const line = model.code !== undefined ? `AADSTS${model.code}: ${model.message}` : model.message;
  const row = (label: string, value: string | undefined) => value && html`<dt>${label}</dt><dd>${value}</dd>`;
  const body = html`<h1>Sign in</h1>
<p class="lead">${model.summary ?? "Sorry, but we're having trouble signing you in."}</p>
<p class="message">${line}</p>
<section class="details" aria-labelledby="details-heading"><h2 id="details-heading">Troubleshooting details</h2>
<dl>${[row('App name', model.appName), row('App id', model.appId), row('Request Id', model.requestId ?? chrome.requestId), row('Correlation Id', model.correlationId ?? chrome.correlationId), row('Timestamp', model.timestamp)]}</dl>
</section>`;
  // The ids are in the details box; the footer would repeat them.
  return renderPage({ nonce: chrome.nonce, stylesheetHref: chrome.stylesheetHref }, { title: 'Sign in', body, status: model.status, wide: true });
}
