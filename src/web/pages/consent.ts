/**
 * Basic user consent: the app (name and publisher domain, both attacker-controlled in a
 * multi-tenant world and escaped like every value), the permissions it asks for (display name
 * and description from the resource's scope definitions), Accept / Cancel in one form.
 * Entra's wording; administrators also get "Consent on behalf of your organization" (an
 * `AllPrincipals` grant), or — for `prompt=admin_consent` — a notice that they consent for it.
 */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { flowForm, identityBanner, initials, type FlowForm } from './components.js';
import { FIELD } from './fields.js';

export interface ConsentPermission {
  /** `userConsentDisplayName` (or the admin one) of the scope, e.g. "Sign you in and read your profile". */
  displayName: string;
  description: string;
  /** The resource's name when the app asks for several, e.g. "Microsoft Graph". */
  resource?: string;
}

export interface ConsentModel {
  form: FlowForm;
  /** The signed-in account. */
  username: string;
  app: { name: string; /** Verified publisher domain; absent: "unverified". */ publisherDomain?: string };
  permissions: readonly ConsentPermission[];
  /** Show "Consent on behalf of your organization" (administrators, protocol.md §14.3). */
  offerOrganizationConsent?: boolean;
  /** `prompt=admin_consent`: the Accept is for the whole organization, no choice (§14.4). */
  organizationOnly?: boolean;
}

export function consentPage(model: ConsentModel, chrome: PageChrome): WebPage {
  const publisher = model.app.publisherDomain ? html`<span class="sub">${model.app.publisherDomain}</span>` : html`<span class="sub"><span class="badge">unverified</span></span>`;
  const permissions = model.permissions.map(
    (p) => html`<li><details><summary>${p.displayName}${p.resource ? html`<span class="resource">${p.resource}</span>` : null}</summary><p>${p.description}</p></details></li>`,
  );
  const body = html`${identityBanner(model.username, undefined)}
<h1>Permissions requested</h1>
<div class="app"><span class="tile" aria-hidden="true">${initials(model.app.name)}</span><span class="who"><span class="name">${model.app.name}</span>${publisher}</span></div>
<p>This app would like to:</p>
<ul class="permissions">${permissions}</ul>
${flowForm(model.form, html`${model.organizationOnly === true && html`<p class="lead" id="organization-notice">You are accepting these permissions on behalf of your organization: everyone in it can use the app with them.</p>`}${model.offerOrganizationConsent === true && model.organizationOnly !== true && html`<label class="check"><input type="checkbox" name="${FIELD.consentForOrganization}" value="1"><span>Consent on behalf of your organization</span></label>`}
<p class="fine">Accepting these permissions means that you allow this app to use your data as specified in its terms of service and privacy statement. You can change these permissions later.</p>
<div class="actions"><button class="button secondary" type="submit" name="${FIELD.decision}" value="cancel">Cancel</button><button class="button primary" type="submit" name="${FIELD.decision}" value="accept">Accept</button></div>`)}`;
  return renderPage(chrome, { title: 'Permissions requested', body, wide: true });
}
