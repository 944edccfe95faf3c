/** web/html.ts: every interpolation escaped, nesting and lists safe, `raw` the only way around. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText, html, isHtml, raw, safeUrl, UnsafeUrlError, type HtmlValue } from '../../src/web/html.js';

describe('html tagged template', () => {
  it('escapes & < > " \' and backtick in text', () => {
    assert.equal(html`<p>${'a & b <script>alert(1)</script> "q" \'s\' `x`'}</p>`.value, '<p>a &#38; b &#60;script&#62;alert(1)&#60;/script&#62; &#34;q&#34; &#39;s&#39; &#96;x&#96;</p>');
  });

  it('escapes in attribute context, so a value cannot close the attribute or the tag', () => {
    const hint = '"><script>alert(1)</script>';
    assert.equal(html`<input value="${hint}">`.value, '<input value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;">');
    assert.equal(html`<input value='${"' onfocus='alert(1)"}'>`.value, "<input value='&#39; onfocus=&#39;alert(1)'>");
  });

  it('does not re-escape nested Html, but escapes inside it', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(html`<p>${inner}</p>`.value, '<p><b>&#60;i&#62;</b></p>');
    assert.ok(isHtml(inner));
    assert.equal(String(inner), '<b>&#60;i&#62;</b>');
  });

  it('joins arrays (escaping strings, keeping Html) and renders null, undefined and false as nothing', () => {
    const items: HtmlValue[] = ['<a>', html`<li>${'&'}</li>`, null, undefined, false, 7, [html`<hr>`, '"']];
    assert.equal(html`<ul>${items}</ul>`.value, '<ul>&#60;a&#62;<li>&#38;</li>7<hr>&#34;</ul>');
  });

  it('treats an object that merely looks like Html as text (the brand is a private symbol)', () => {
    const forged = { value: '<script>', toString: () => '<script>' } as unknown as string;
    assert.equal(html`${forged}`.value, '&#60;script&#62;');
  });

  it('lets raw() through unescaped — the one audited escape hatch', () => {
    assert.equal(html`<p>${raw('<br>')}</p>`.value, '<p><br></p>');
    assert.equal(escapeText('<br>'), '&#60;br&#62;');
  });
});

describe('safeUrl', () => {
  it('accepts http(s) URLs and same-origin paths', () => {
    for (const url of ['https://app.example/cb?x=1', 'http://localhost:3000/auth', '/tessera/common/login', '/']) assert.equal(safeUrl(url), url);
  });

  it('refuses javascript:, data:, vbscript:, protocol-relative, backslash and obfuscated values', () => {
    const refused = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'relative/path', 'msauth.app://cb', ''];
    for (const url of refused) assert.throws(() => safeUrl(url), UnsafeUrlError, url);
  });
});
