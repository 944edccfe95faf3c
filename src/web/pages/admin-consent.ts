/**
 * Admin consent (protocol.md §6): an administrator approves, for the whole organization, the
 * delegated and application permissions an app asks for. Same shape, escaping and CSRF-bound
 * form as the user consent page (pages/consent.ts): the app's name is attacker-controlled in a
 * multi-tenant world and is escaped like every value. Entra's wording.
 */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { flowForm, identityBanner, initials, type FlowForm } from './components.js';
import { FIELD } from './fields.js';

export interface AdminConsentPermission {
  /** `adminConsentDisplayName` of a scope, `displayName` of an app role. */
  displayName: string;
  description: string;
  /** The resource's name, e.g. "Microsoft Graph". */
  resource: string;
  kind: 'Delegated' | 'Application';
}

export interface AdminConsentModel {
  form: FlowForm;
  /** The signed-in administrator. */
  username: string;
  /** The consenting organization's name. */
  organization: string;
  app: { name: string; publisherDomain?: string };
  permissions: readonly AdminConsentPermission[];
}

export function adminConsentPage(model: AdminConsentModel, chrome: PageChrome): WebPage {
  const publisher = model.app.publisherDomain ? html`<span class="sub">${model.app.publisherDomain}</span>` : html`<span class="sub"><span class="badge">unverified</span></span>`;
  const permissions = model.permissions.map(
    (p) => html`<li><details><summary>${p.displayName}<span class="resource">${p.resource} · ${p.kind}</span></summary><p>${p.description}</p></details></li>`,
  );
  const list = permissions.length > 0 ? html`<p>This app would like to:</p>
<ul class="permissions">${permissions}</ul>` : html`<p>This app does not ask for any permissions.</p>`;
  const body = html`${identityBanner(model.username, undefined)}
<h1>Permissions requested</h1>
<p class="lead">Review for your organization</p>
<div class="app"><span class="tile" aria-hidden="true">${initials(model.app.name)}</span><span class="who"><span class="name">${model.app.name}</span>${publisher}</span></div>
${list}
${flowForm(model.form, html`<p class="fine">If you accept, this app will get access to the specified resources for all users in ${model.organization}. No one else will be prompted to review these permissions.</p>
<p class="fine">Accepting these permissions means that you allow this app to use your data as specified in its terms of service and privacy statement. You can change these permissions later.</p>
<div class="actions"><button class="button secondary" type="submit" name="${FIELD.decision}" value="cancel">Cancel</button><button class="button primary" type="submit" name="${FIELD.decision}" value="accept">Accept</button></div>`)}`;
  return renderPage(chrome, { title: 'Permissions requested', body, wide: true });
}
