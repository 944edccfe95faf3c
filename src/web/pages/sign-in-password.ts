/** Sign-in, step 2: the password of the account named in step 1. */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { errorSlot, flowForm, identityBanner, type FlowForm } from './components.js';
import { FIELD } from './fields.js';

export interface SignInPasswordModel {
  form: FlowForm;
  /** The account name the user gave (shown, and sent back hidden for password managers). */
  username: string;
  /** Link back to the user-name step ("not you?"). */
  backHref?: string;
  /** e.g. "Your account or password is incorrect." */
  error?: string;
  /** Offer "Keep me signed in" (a persistent session cookie). */
  offerKeepSignedIn?: boolean;
}

export function signInPasswordPage(model: SignInPasswordModel, chrome: PageChrome): WebPage {
  const body = html`${identityBanner(model.username, model.backHref)}
<h1>Enter password</h1>
${flowForm(model.form, html`${errorSlot('password-error', model.error)}
<input type="text" name="${FIELD.username}" value="${model.username}" autocomplete="username" class="visually-hidden" tabindex="-1" aria-hidden="true" readonly>
<div class="field">
<label for="password">Password</label>
<input type="password" id="password" name="${FIELD.password}" autocomplete="current-password" required autofocus aria-invalid="${model.error ? 'true' : 'false'}"${model.error ? html` aria-describedby="password-error"` : ''}>
</div>
${model.offerKeepSignedIn && html`<label class="check"><input type="checkbox" name="${FIELD.kmsi}" value="1"><span>Keep me signed in</span></label>`}
<div class="actions"><button class="button primary" type="submit">Sign in</button></div>`)}`;
  return renderPage(chrome, { title: 'Enter password', body });
}
