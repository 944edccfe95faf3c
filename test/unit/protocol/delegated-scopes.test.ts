import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessTokenScopeValues, parseDelegatedScope, tokenResource, tokenScopeEcho, type ResourceScopes } from '../../../src/protocol/delegated-scopes.js';
import { OAuthError } from '../../../src/protocol/errors.js';

const API = 'api://a0000000-0000-4000-8000-000000000001';
const API_ID = 'a0000000-0000-4000-8000-000000000001';
const GRAPH = 'https://graph.microsoft.com';

/** resource → written scopes, for compact expectations. */
function shape(scope: string) {
  const parsed = parseDelegatedScope(scope);
  return {
    oidc: [...parsed.oidc],
    resources: parsed.resources.map((r) => ({ resource: r.resource, form: r.form, isGraph: r.isGraph, isDefault: r.isDefault, scopes: r.scopes.map((s) => s.value) })),
    errors: parsed.errors.map((e) => e.aadsts),
  };
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof OAuthError) return error.aadsts;
    throw error;
  }
  return undefined;
}

describe('delegated scope parsing (protocol.md §10.1–10.4)', () => {
  const cases: Array<[string, string, ReturnType<typeof shape>]> = [
    ['bare names are Graph (§10.1)', 'User.Read Mail.Read', { oidc: [], resources: [{ resource: GRAPH, form: 'bare', isGraph: true, isDefault: false, scopes: ['User.Read', 'Mail.Read'] }], errors: [] }],
    ['bare and full Graph names are one resource', 'User.Read https://graph.microsoft.com/Mail.Read', { oidc: [], resources: [{ resource: GRAPH, form: 'bare', isGraph: true, isDefault: false, scopes: ['User.Read', 'Mail.Read'] }], errors: [] }],
    ['Graph by appId and by URI with slash are Graph', '00000003-0000-0000-c000-000000000000/User.Read https://graph.microsoft.com//Mail.Read', { oidc: [], resources: [{ resource: '00000003-0000-0000-c000-000000000000', form: 'qualified', isGraph: true, isDefault: false, scopes: ['User.Read', 'Mail.Read'] }], errors: [] }],
    ['OIDC scopes apart, lower-cased, in order (§10.2)', 'OpenID offline_access profile email', { oidc: ['openid', 'offline_access', 'profile', 'email'], resources: [], errors: [] }],
    ['an API scope by App ID URI, with OIDC', `${API}/access_as_user openid profile offline_access`, { oidc: ['openid', 'profile', 'offline_access'], resources: [{ resource: API, form: 'qualified', isGraph: false, isDefault: false, scopes: ['access_as_user'] }], errors: [] }],
    ['an API scope by appId', `${API_ID}/access_as_user`, { oidc: [], resources: [{ resource: API_ID, form: 'qualified', isGraph: false, isDefault: false, scopes: ['access_as_user'] }], errors: [] }],
    ['an App ID URI with a path keeps it', 'https://contoso.com/api/read', { oidc: [], resources: [{ resource: 'https://contoso.com/api', form: 'qualified', isGraph: false, isDefault: false, scopes: ['read'] }], errors: [] }],
    ['{resource}/.default with OIDC scopes (§10.4)', 'https://graph.microsoft.com/.default openid offline_access', { oidc: ['openid', 'offline_access'], resources: [{ resource: GRAPH, form: 'qualified', isGraph: true, isDefault: true, scopes: ['.default'] }], errors: [] }],
    ['double-slash rule: the identifier keeps its trailing slash (§10.1)', 'https://management.azure.com//.default', { oidc: [], resources: [{ resource: 'https://management.azure.com/', form: 'qualified', isGraph: false, isDefault: true, scopes: ['.default'] }], errors: [] }],
    ['a bare .default is Graph (§10.4)', 'openid .default', { oidc: ['openid'], resources: [{ resource: GRAPH, form: 'bare', isGraph: true, isDefault: true, scopes: ['.default'] }], errors: [] }],
    ['several resources in request order (/authorize, §10.3)', `${API}/access_as_user User.Read ${API}/write`, { oidc: [], resources: [{ resource: API, form: 'qualified', isGraph: false, isDefault: false, scopes: ['access_as_user', 'write'] }, { resource: GRAPH, form: 'bare', isGraph: true, isDefault: false, scopes: ['User.Read'] }], errors: [] }],
    ['values match case-insensitively: duplicates collapse', 'mail.read Mail.Read', { oidc: [], resources: [{ resource: GRAPH, form: 'bare', isGraph: true, isDefault: false, scopes: ['mail.read'] }], errors: [] }],
    ['identifiers match case-insensitively', `${API}/a API://A0000000-0000-4000-8000-000000000001/b`, { oidc: [], resources: [{ resource: API, form: 'qualified', isGraph: false, isDefault: false, scopes: ['a', 'b'] }], errors: [] }],
    ['empty', '   ', { oidc: [], resources: [], errors: [] }],
    ['comma-separated: AADSTS70011 (§10.1)', 'openid,profile,User.Read', { oidc: [], resources: [], errors: [70011] }],
    ['.default mixed with a named scope of the same resource: AADSTS70011 (§10.4)', 'https://graph.microsoft.com/.default Mail.Read', { oidc: [], resources: [{ resource: GRAPH, form: 'qualified', isGraph: true, isDefault: true, scopes: ['.default', 'Mail.Read'] }], errors: [70011] }],
    ['.default of one resource with named scopes of another is fine', `https://graph.microsoft.com/.default ${API}/read`, { oidc: [], resources: [{ resource: GRAPH, form: 'qualified', isGraph: true, isDefault: true, scopes: ['.default'] }, { resource: API, form: 'qualified', isGraph: false, isDefault: false, scopes: ['read'] }], errors: [] }],
    ['an empty value or identifier: AADSTS70011', `${API}/ /User.Read`, { oidc: [], resources: [], errors: [70011, 70011] }],
    ['a URI with no scope value: AADSTS70011', 'https://graph.microsoft.com', { oidc: [], resources: [], errors: [70011] }],
  ];
  for (const [name, scope, expected] of cases) {
    it(name, () => assert.deepEqual(shape(scope), expected));
  }

  it('names the offending scope in AADSTS70011', () => {
    const [error] = parseDelegatedScope('https://graph.microsoft.com/.default Mail.Read').errors;
    assert.equal(error?.error, 'invalid_scope');
    assert.equal(error?.status, 400);
    assert.match(error?.aadstsLine ?? '', /^AADSTS70011: .*The scope https:\/\/graph\.microsoft\.com\/\.default Mail\.Read is not valid\.$/);
  });
});

describe('the resource of the access token (protocol.md §10.3)', () => {
  const pick = (scope: string, options: Parameters<typeof tokenResource>[1]) => tokenResource(parseDelegatedScope(scope), options);

  it('one resource: that one', () => {
    assert.equal(pick(`${API}/access_as_user openid`, { multiple: 'reject' }).resource, API);
  });

  it('code redemption with several resources: AADSTS700022 naming the scope', () => {
    assert.equal(codeOf(() => pick(`${API}/access_as_user User.Read openid`, { multiple: 'reject' })), 700022);
    assert.throws(() => pick(`${API}/a User.Read openid`, { multiple: 'reject' }), (error: OAuthError) => {
      assert.equal(error.error, 'invalid_scope');
      assert.match(error.aadstsLine, /^AADSTS700022: .*more than one resource\. Scope api:\/\/a0000000-0000-4000-8000-000000000001\/a User\.Read openid is not valid\.$/);
      return true;
    });
  });

  it('refresh with several resources: the resource of the first scope (§5.2)', () => {
    assert.equal(pick(`User.Read ${API}/a`, { multiple: 'first' }).isGraph, true);
    assert.equal(pick(`${API}/a User.Read`, { multiple: 'first' }).resource, API);
  });

  it('OIDC only: the fallback (first resource of the consent request), else Graph (§10.2, §10.3)', () => {
    const fallback = parseDelegatedScope(`${API}/a`).resources[0] as ResourceScopes;
    assert.equal(pick('openid profile', { multiple: 'reject', fallback }), fallback);
    const graph = pick('openid profile offline_access', { multiple: 'reject' });
    assert.deepEqual({ resource: graph.resource, isGraph: graph.isGraph, implicit: graph.implicit, form: graph.form }, { resource: GRAPH, isGraph: true, implicit: true, form: 'bare' });
  });

  it('empty scope at code redemption: AADSTS28003 (§5.1); parse errors are thrown first', () => {
    assert.equal(codeOf(() => pick('', { multiple: 'reject', requireScope: true })), 28003);
    assert.equal(pick('', { multiple: 'first' }).implicit, true);
    assert.equal(codeOf(() => pick('openid,profile', { multiple: 'first' })), 70011);
    assert.equal(codeOf(() => pick('https://graph.microsoft.com/.default User.Read', { multiple: 'first' })), 70011);
  });
});

describe('scope echo and scp (protocol.md §10.6, tokens.md §4.1, §5)', () => {
  const echo = (scope: string, granted: string[]) => {
    const parsed = parseDelegatedScope(scope);
    return tokenScopeEcho(tokenResource(parsed, { multiple: 'first' }), granted, parsed.oidc);
  };
  const cases: Array<[string, string, string[], string]> = [
    ['bare Graph names stay bare, OIDC appended as requested', 'User.Read openid profile offline_access', ['User.Read'], 'User.Read openid profile offline_access'],
    ['full Graph URIs stay full', 'https://graph.microsoft.com/Mail.Read openid profile email', ['Mail.Read'], 'https://graph.microsoft.com/Mail.Read openid profile email'],
    ['the request spelling of a value is kept; other granted values follow in the request form', 'mail.read openid', ['Mail.Read', 'User.Read'], 'mail.read User.Read openid'],
    ['qualified request: other granted values qualified too', `${API}/access_as_user openid`, ['access_as_user', 'write'], `${API}/access_as_user ${API}/write openid`],
    ['a requested scope not granted is not echoed', 'User.Read Mail.Send', ['User.Read'], 'User.Read'],
    ['.default: the granted values qualified, then .default as asked', 'https://graph.microsoft.com/.default openid offline_access', ['User.Read', 'Mail.Read'], 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read https://graph.microsoft.com/.default openid offline_access'],
    ['.default with a trailing-slash identifier', 'https://management.azure.com//.default', ['user_impersonation'], 'https://management.azure.com/user_impersonation https://management.azure.com//.default'],
    ['OIDC only: the Graph grants, bare', 'openid profile', ['User.Read'], 'User.Read openid profile'],
  ];
  for (const [name, scope, granted, expected] of cases) {
    it(name, () => assert.equal(echo(scope, granted), expected));
  }

  it('scp: Graph tokens list the OIDC scopes asked for except offline_access; other resources do not', () => {
    const graph = parseDelegatedScope('User.Read openid profile offline_access email');
    assert.deepEqual(accessTokenScopeValues(graph.resources[0] as ResourceScopes, ['User.Read'], graph.oidc), ['User.Read', 'openid', 'profile', 'email']);
    const api = parseDelegatedScope(`${API}/a openid profile`);
    assert.deepEqual(accessTokenScopeValues(api.resources[0] as ResourceScopes, ['a'], api.oidc), ['a']);
  });
});
