/** Pieces shared by the pages: the flow form, the error slot, the identity banner. */
import { html, safeUrl, type Html } from '../html.js';
import { FIELD } from './fields.js';

/** Where a page's form posts, and the two hidden fields every form carries. */
export interface FlowForm {
  /** Same-origin path (or http(s) URL) the form posts to. */
  action: string;
  /** CSRF token bound to the browser session and this form's purpose (web/csrf.ts). */
  csrf: string;
  /** The flow's opaque transaction id. */
  flow: string;
}

/** `<form method=post>` with the CSRF and flow fields, then `body`. */
export function flowForm(form: FlowForm, body: Html, id = 'form'): Html {
  return html`<form method="post" action="${safeUrl(form.action)}" id="${id}">
<input type="hidden" name="${FIELD.csrf}" value="${form.csrf}">
<input type="hidden" name="${FIELD.flow}" value="${form.flow}">
${body}
</form>`;
}

/** The error slot: announced to screen readers, referenced by the field it belongs to. */
export function errorSlot(id: string, message: string | undefined): Html | null {
  return message ? html`<p class="error" id="${id}" role="alert">${message}</p>` : null;
}

/** The account being signed in, as a back link to the previous step (Entra's identity banner). */
export function identityBanner(username: string, backHref: string | undefined): Html {
  const label = html`<span class="arrow" aria-hidden="true">←</span><span class="who">${username}</span>`;
  return backHref
    ? html`<a class="identity" href="${safeUrl(backHref)}" aria-label="${`Back — not ${username}?`}">${label}</a>`
    : html`<p class="identity"><span class="who">${username}</span></p>`;
}

/** Up to two initials of a display name (its first two words' first letters or digits), for avatars. */
export function initials(name: string): string {
  const firsts = name.split(/[\s@._-]+/).map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0]).filter((c): c is string => c !== undefined);
  return (firsts.slice(0, 2).join('') || '?').toUpperCase();
}
