/**
 * The account picker (`prompt=select_account`, or several sessions in one browser): one button
 * per signed-in account plus "Use another account", all in one form so each is a plain submit
 * button — reachable with Tab, pressed with Enter or Space, no script.
 */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { flowForm, initials, type FlowForm } from './components.js';
import { FIELD, USE_ANOTHER_ACCOUNT } from './fields.js';

export interface PickAccountModel {
  form: FlowForm;
  appName?: string;
  accounts: ReadonlyArray<{
    /** Posted as `account`: an id the handler maps back to a session of this browser. */
    id: string;
    displayName: string;
    username: string;
    /** e.g. "Signed in", "Signed out" */
    status?: string;
  }>;
}

export function pickAccountPage(model: PickAccountModel, chrome: PageChrome): WebPage {
  const accounts = model.accounts.map(
    (a) => html`<li><button class="account" type="submit" name="${FIELD.account}" value="${a.id}">
<span class="avatar" aria-hidden="true">${initials(a.displayName || a.username)}</span>
<span class="who"><span class="name">${a.displayName || a.username}</span><span class="sub">${a.username}</span>${a.status ? html`<span class="sub">${a.status}</span>` : null}</span>
</button></li>`,
  );
  const body = html`<h1>Pick an account</h1>
${model.appName ? html`<p class="lead">to continue to <strong>${model.appName}</strong></p>` : null}
${flowForm(model.form, html`<ul class="accounts">${accounts}
<li><button class="account" type="submit" name="${FIELD.account}" value="${USE_ANOTHER_ACCOUNT}">
<span class="avatar plus" aria-hidden="true">+</span><span class="who"><span class="name">Use another account</span></span>
</button></li></ul>`)}`;
  return renderPage(chrome, { title: 'Pick an account', body });
}
