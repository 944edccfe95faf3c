/** The second factor: a TOTP code from an authenticator app (RFC 6238, 6 digits). */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { errorSlot, flowForm, identityBanner, type FlowForm } from './components.js';
import { FIELD } from './fields.js';

export interface MfaModel {
  form: FlowForm;
  username: string;
  backHref?: string;
  /** e.g. "That code didn't work. Check the code and try again." */
  error?: string;
}

export function mfaPage(model: MfaModel, chrome: PageChrome): WebPage {
  const body = html`${identityBanner(model.username, model.backHref)}
<h1>Enter code</h1>
<p class="lead">Enter the 6-digit code shown in the authenticator app on your device.</p>
${flowForm(model.form, html`${errorSlot('otc-error', model.error)}
<div class="field">
<label for="otc">Code</label>
<input type="text" class="code" id="otc" name="${FIELD.otc}" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" minlength="6" autocomplete="one-time-code" required autofocus aria-invalid="${model.error ? 'true' : 'false'}" aria-describedby="${model.error ? 'otc-error otc-hint' : 'otc-hint'}">
<p class="hint" id="otc-hint">The code changes every 30 seconds.</p>
</div>
<div class="actions"><button class="button primary" type="submit">Verify</button></div>`)}`;
  return renderPage(chrome, { title: 'Enter code', body });
}
