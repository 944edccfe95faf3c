/**
 * The landing page's demo section: the demo environment's client ids, secrets, users, passwords
 * and TOTP secret — public, well-known values (environment/demo-values.ts), shown with the
 * warning the CLI prints. Only rendered when the demo tenant exists.
 */
import { html, type Html } from '../html.js';
import type { DemoSection } from './landing-model.js';

export function demoSection(demo: DemoSection): Html {
  const apps = demo.applications.map(
    (a) => html`<tr><th scope="row">${a.displayName} <span class="tag">${a.kind}</span></th><td><code>${a.clientId}</code></td><td>${a.secret ? html`<code>${a.secret}</code>` : '—'}</td>
<td>${a.redirectUris.map((u, i) => html`${i > 0 ? html`<br>` : null}<code>${u}</code>`)}</td></tr>`,
  );
  const users = demo.users.map(
    (u) => html`<tr><th scope="row"><code>${u.userPrincipalName}</code></th><td><code>${u.password}</code></td><td>${u.note ?? ''}</td></tr>`,
  );
  return html`<section class="demo" aria-labelledby="demo-heading"><h2 id="demo-heading">Demo environment</h2>
<p class="warning" role="note"><strong>Demo environment</strong> (${demo.warning})</p>
<dl class="facts"><dt>Tenant</dt><dd><code>${demo.tenantId}</code> (<code>${demo.tenantDomain}</code>)</dd></dl>
<table><caption class="visually-hidden">Demo applications</caption>
<thead><tr><th scope="col">Application</th><th scope="col">Client id</th><th scope="col">Secret</th><th scope="col">Redirect URIs</th></tr></thead>
<tbody>${apps}</tbody></table>
<table><caption class="visually-hidden">Demo users</caption>
<thead><tr><th scope="col">User</th><th scope="col">Password</th><th scope="col"></th></tr></thead>
<tbody>${users}</tbody></table>
</section>`;
}
