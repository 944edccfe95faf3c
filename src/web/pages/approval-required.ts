/**
 * "Need admin approval" (protocol.md §14.3, AADSTS90094): the signed-in user may not grant what
 * the app asks for — an `Admin`-type permission, or the tenant's user-consent setting forbids it.
 * Entra's wording; the app (attacker-controlled name) and the permissions are escaped like every
 * value. The one button returns to the application, which then receives `consent_required`.
 */
import { html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { flowForm, identityBanner, initials, type FlowForm } from './components.js';
import type { ConsentPermission } from './consent.js';
import { FIELD } from './fields.js';

export interface ApprovalRequiredModel {
  form: FlowForm;
  username: string;
  app: { name: string; publisherDomain?: string };
  permissions: readonly ConsentPermission[];
}

export function approvalRequiredPage(model: ApprovalRequiredModel, chrome: PageChrome): WebPage {
  const publisher = model.app.publisherDomain ? html`<span class="sub">${model.app.publisherDomain}</span>` : html`<span class="sub"><span class="badge">unverified</span></span>`;
  const permissions = model.permissions.map(
    (p) => html`<li><details><summary>${p.displayName}${p.resource ? html`<span class="resource">${p.resource}</span>` : null}</summary><p>${p.description}</p></details></li>`,
  );
  const body = html`${identityBanner(model.username, undefined)}
<h1>Need admin approval</h1>
<div class="app"><span class="tile" aria-hidden="true">${initials(model.app.name)}</span><span class="who"><span class="name">${model.app.name}</span>${publisher}</span></div>
<p class="lead" id="approval-message">${model.app.name} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<p>It asks for:</p>
<ul class="permissions">${permissions}</ul>
${flowForm(model.form, html`<p class="fine">Have an admin account? Sign in with that account to grant the permissions for your organization.</p>
<div class="actions"><button class="button primary" type="submit" name="${FIELD.decision}" value="return">Return to the application without granting consent</button></div>`)}`;
  return renderPage(chrome, { title: 'Need admin approval', body, wide: true });
}
