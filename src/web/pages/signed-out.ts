/** After `/logout` without a (valid) `post_logout_redirect_uri`: Entra's "You signed out" page. */
import { html, safeUrl } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';

export interface SignedOutModel {
  /** The account that signed out, when known. */
  username?: string;
  /** A link back to the app (a registered logout URL), when there is one. */
  returnHref?: string;
}

export function signedOutPage(model: SignedOutModel, chrome: PageChrome): WebPage {
  const body = html`<h1>You signed out of your account</h1>
${model.username ? html`<p class="lead"><strong>${model.username}</strong> is no longer signed in on this browser.</p>` : null}
<p>It's a good idea to close all browser windows.</p>
${model.returnHref ? html`<div class="actions"><a class="button secondary" href="${safeUrl(model.returnHref)}">Return to the app</a></div>` : null}`;
  return renderPage(chrome, { title: 'Signed out', body });
}
