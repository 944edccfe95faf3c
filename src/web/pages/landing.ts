/**
 * The landing page at the public URL's root (`GET /`): what is running, each tenant's
 * authorities with links to their discovery documents and JWKS, the local CA, the demo's
 * credentials when the demo environment is there, and the docs. With `landingPage: 'minimal'`
 * only that Tessera is running, its version and the docs. No script, no form: the page's CSP
 * is the layout's, and every value (tenant names come from environment files) is escaped by `html`.
 */
import { html, safeUrl, type Html } from '../html.js';
import { renderPage, type PageChrome, type WebPage } from '../layout.js';
import { demoSection } from './landing-demo.js';
import type { AuthorityLinks, FullLanding, LandingModel, TenantSection, TlsSection } from './landing-model.js';

const link = (href: string, text: string) => html`<a href="${safeUrl(href)}">${text}</a>`;

function authorityRow(a: AuthorityLinks): Html {
  return html`<tr><th scope="row">${a.label}</th><td><code>${a.authority}</code></td>
<td class="links">${link(a.discoveryV2, 'v2.0 discovery')} ${link(a.discoveryV1, 'v1.0 discovery')} ${link(a.jwksV2, 'JWKS v2.0')} ${link(a.jwksV1, 'JWKS v1.0')}</td></tr>`;
}

function authorityTable(rows: AuthorityLinks[], caption: string): Html {
  return html`<table class="authorities"><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Tenant</th><th scope="col">Authority</th><th scope="col">Documents</th></tr></thead>
<tbody>${rows.map(authorityRow)}</tbody></table>`;
}

function tenantBlock(t: TenantSection): Html {
  const more = t.omittedDomains > 0 ? html` and ${t.omittedDomains} more` : null;
  return html`<section class="tenant" aria-label="${t.displayName}">
<h3>${t.displayName}${t.kind === 'consumers' ? html` <span class="tag">personal accounts</span>` : null}</h3>
<dl class="facts"><dt>Tenant id</dt><dd><code>${t.id}</code></dd>
${t.domains.length > 0 ? html`<dt>Domains</dt><dd>${t.domains.map((d, i) => html`${i > 0 ? ', ' : ''}<code>${d}</code>`)}${more}</dd>` : null}</dl>
${authorityTable(t.authorities, `Authorities of ${t.displayName}`)}
</section>`;
}

function tlsFact(tls: TlsSection): Html {
  if (tls.kind === 'http') return html`<dt>TLS</dt><dd>plain HTTP (behind a TLS-terminating proxy)</dd>`;
  if (tls.kind === 'certificate') return html`<dt>TLS</dt><dd>the operator's certificate (<code>--cert</code>)</dd>`;
  return html`<dt>TLS</dt><dd>Tessera's local CA: <a href="${safeUrl(tls.caHref)}" download="tessera-ca.pem">download the CA certificate</a>
<span class="fine">(SHA-256 <code class="fingerprint">${tls.fingerprint}</code>; trust it with <code>NODE_EXTRA_CA_CERTS</code> or <code>curl --cacert</code>)</span></dd>`;
}

function fullBody(full: FullLanding, version: string): Html {
  const omitted = full.omittedTenants > 0 ? html`<p class="fine">…and ${full.omittedTenants} more ${full.omittedTenants === 1 ? 'tenant' : 'tenants'}, not listed here (<code>tessera tenants list</code> lists them all).</p>` : null;
  return html`<h1>Tessera is running</h1>
<p class="lead">A self-hosted identity platform that speaks Microsoft Entra ID and Microsoft Graph.</p>
<dl class="facts">
<dt>Version</dt><dd>${version}</dd>
<dt>Issuer base</dt><dd><code>${full.base}</code></dd>
<dt>Graph</dt><dd><code>${full.graphBase}</code></dd>
<dt>Database</dt><dd>${full.database}</dd>
${tlsFact(full.tls)}
</dl>
<p class="fine">The same data as JSON, without any secret: <code>curl -H 'Accept: application/json' ${full.selfUrl}</code></p>
${full.demo ? demoSection(full.demo) : null}
<section aria-labelledby="multi-heading"><h2 id="multi-heading">Multi-tenant authorities</h2>
${authorityTable(full.multiTenant, 'Multi-tenant authorities')}</section>
<section aria-labelledby="tenants-heading"><h2 id="tenants-heading">Tenants</h2>
${full.tenants.map(tenantBlock)}
${omitted}</section>`;
}

function docsBlock(docs: LandingModel['docs']): Html | null {
  if (docs.length === 0) return null;
  return html`<section aria-labelledby="docs-heading"><h2 id="docs-heading">Documentation</h2>
<ul class="docs">${docs.map((d) => html`<li>${link(d.href, d.name)}</li>`)}</ul></section>`;
}

export function landingPage(model: LandingModel, chrome: PageChrome): WebPage {
  const body = model.full
    ? fullBody(model.full, model.version)
    : html`<h1>Tessera is running</h1>
<dl class="facts"><dt>Version</dt><dd>${model.version}</dd></dl>`;
  return renderPage(chrome, { title: 'Tessera is running', body: html`${body}
${docsBlock(model.docs)}`, broad: true });
}
