/**
 * After `/logout`: Entra's "You signed out" page, or — with a registered
 * `post_logout_redirect_uri` and apps to notify — the short "Signing out" page that loads the
 * front-channel logout URLs and then continues to the app. Either way the apps of the ended
 * session are notified in hidden iframes (OIDC Front-Channel Logout 1.0 §4); the page's CSP
 * lists their origins in `frame-src` (chrome.frameOrigins).
 */
import { html, safeUrl } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';

export interface SignedOutModel {
  /** The account that signed out, when known. */
  username?: string;
  /** A link back to the app (a registered logout URL), when there is one. */
  returnHref?: string;
  /** Front-channel logout URLs (with `iss` and `sid`) to load in hidden iframes. */
  frontChannelUrls?: readonly string[];
  /** Continue to this registered `post_logout_redirect_uri` once the iframes have loaded. */
  continueHref?: string;
}

// Our own markup: waits for every logout iframe (at most 5 s), then follows the continue link.
const CONTINUE_SCRIPT = html`(function () {
  var link = document.getElementById('continue');
  var frames = document.querySelectorAll('iframe.fcl');
  var left = frames.length, done = false;
  function go() { if (!done) { done = true; window.location.replace(link.href); } }
  for (var i = 0; i < frames.length; i++) frames[i].addEventListener('load', function () { if (--left <= 0) go(); });
  if (left === 0) go();
  setTimeout(go, 5000);
})();`;

export function signedOutPage(model: SignedOutModel, chrome: PageChrome): WebPage {
  const frames = (model.frontChannelUrls ?? []).map((url) => html`<iframe class="fcl" hidden title="Sign-out notification" src="${safeUrl(url)}"></iframe>`);
  if (model.continueHref !== undefined) {
    const body = html`<h1>Signing you out</h1>
<p class="lead">Signing you out of the apps you used…</p>
<div class="actions"><a class="button" id="continue" href="${safeUrl(model.continueHref)}">Continue</a></div>
${frames}`;
    return renderPage(chrome, { title: 'Signing out', body, script: CONTINUE_SCRIPT });
  }
  const body = html`<h1>You signed out of your account</h1>
${model.username ? html`<p class="lead"><strong>${model.username}</strong> is no longer signed in on this browser.</p>` : null}
<p>It's a good idea to close all browser windows.</p>
${model.returnHref ? html`<div class="actions"><a class="button secondary" href="${safeUrl(model.returnHref)}">Return to the app</a></div>` : null}
${frames}`;
  return renderPage(chrome, { title: 'Signed out', body });
}
