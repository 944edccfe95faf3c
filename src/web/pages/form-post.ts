/**
 * `response_mode=form_post` (OAuth 2.0 Form Post Response Mode §2): the response parameters as
 * hidden fields of a form that posts to the client's redirect URI, submitted by a nonce'd script;
 * without script, a visible Continue button (inside <noscript>) does the same. The page adds the
 * redirect URI's origin to `form-action` itself. No CSRF field: the form goes to the app, which
 * checks `state`.
 */
import { html, safeUrl } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';

export interface FormPostModel {
  /** The client's redirect URI (already matched against the registration). */
  redirectUri: string;
  /** `code`, `id_token`, `state`, `session_state`, or `error`, `error_description`, … in order. */
  parameters: ReadonlyArray<readonly [name: string, value: string]>;
  appName?: string;
}

export function formPostPage(model: FormPostModel, chrome: PageChrome): WebPage {
  const fields = model.parameters.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const body = html`<h1>Signing you in…</h1>
<div class="spinner" aria-hidden="true"></div>
<p class="lead">${model.appName ? html`Returning to <strong>${model.appName}</strong>.` : 'Returning to the app.'}</p>
<form method="post" action="${safeUrl(model.redirectUri)}" id="response">
${fields}
<noscript><p>Script is disabled. Select Continue to finish signing in.</p><div class="actions"><button class="button primary" type="submit">Continue</button></div></noscript>
</form>`;
  const withTarget = { ...chrome, formActionOrigins: [...(chrome.formActionOrigins ?? []), model.redirectUri] };
  return renderPage(withTarget, { title: 'Working…', body, script: html`document.getElementById("response").submit();` });
}
