/** Sign-in, step 1: the user name (OIDC Core §3.1.2.1 `login_hint` prefills it). */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { errorSlot, flowForm, type FlowForm } from './components.js';
import { FIELD } from './fields.js';

export interface SignInUsernameModel {
  form: FlowForm;
  /** The app's display name ("to continue to …"); attacker-controlled, escaped like all text. */
  appName?: string;
  /** Prefill: `login_hint`, or what the user typed before an error. */
  username?: string;
  /** e.g. "We couldn't find an account with that username." */
  error?: string;
}

export function signInUsernamePage(model: SignInUsernameModel, chrome: PageChrome): WebPage {
  const invalid = model.error ? 'true' : 'false';
  const body = html`<h1>Sign in</h1>
${model.appName ? html`<p class="lead">to continue to <strong>${model.appName}</strong></p>` : html`<p class="lead">Use your organization account.</p>`}
${flowForm(model.form, html`${errorSlot('username-error', model.error)}
<div class="field">
<label for="username">Email or user name</label>
<input type="text" id="username" name="${FIELD.username}" value="${model.username ?? ''}" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus aria-invalid="${invalid}"${model.error ? html` aria-describedby="username-error"` : ''}>
</div>
<div class="actions"><button class="button primary" type="submit">Next</button></div>`)}`;
  return renderPage(chrome, { title: 'Sign in', body, status: 200 });
}
