/**
 * The access log over real HTTPS (issue 8 item 4): one line per request with method, path,
 * status, duration, client id, the AADSTS or Graph error code, correlation and trace ids; and
 * none of the credentials the request carried (query strings, Basic headers, bearer tokens).
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { EnvironmentInput } from '../../src/environment/schema.js';
import { FormClient, signInForCode } from '../protocol/authorize/form-client.js';
import { bootTessera, postForm, testLogFile } from '../helpers/tessera.js';

const TENANT = '10a90000-0000-4000-8000-000000000001';
const DAEMON = '10a90000-0000-4000-8000-000000000011';
const WEB = '10a90000-0000-4000-8000-000000000012';
const DAEMON_SECRET = 'request-log-daemon-secret~0123456789';
const WEB_SECRET = 'request-log-web-secret~0123456789';
const USER = 'logan@requestlog.onmicrosoft.com';
const USER_PASSWORD = 'Request-Log-Pass-1!';
const CALLBACK = 'http://localhost:47001/callback';
const CORRELATION = 'c0ffee00-1234-4abc-8def-000000000001';

const environment: EnvironmentInput = {
  tenants: [
    {
      id: TENANT,
      displayName: 'Request Log',
      domain: 'requestlog',
      users: [{ userPrincipalName: USER, displayName: 'Logan', password: USER_PASSWORD }],
      applications: [
        { appId: DAEMON, displayName: 'Log daemon', secrets: [{ value: DAEMON_SECRET }], requiredPermissions: { 'Microsoft Graph': { application: ['User.Read.All'] } } },
        { appId: WEB, displayName: 'Log web app', web: { redirectUris: [CALLBACK] }, secrets: [{ value: WEB_SECRET }] },
      ],
    },
  ],
};

type Line = Record<string, unknown>;

describe('request logs', () => {
  let tessera: Awaited<ReturnType<typeof bootTessera>>;
  const lines: Line[] = [];
  const raw: string[] = [];
  let token: string;

  before(async () => {
    // The lines are kept here and, as every test server's, written to the run's log directory
    // for the leak scan (scripts/test.ts).
    const dir = process.env.TESSERA_TEST_LOG_DIR;
    const write = (line: string) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Line);
      if (dir) appendFileSync(testLogFile(dir), line);
    };
    tessera = await bootTessera({ environment, logDestination: { write }, logLevel: 'info' });
    const { body } = await postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' });
    token = body.access_token as string;
    assert.ok(token);
  });
  after(() => tessera.close());

  /** The access line of the request to `route` that matches `match`; the hook writes it after the response. */
  async function accessLine(route: string, match: (line: Line) => boolean = () => true): Promise<Line> {
    for (let i = 0; i < 200; i++) {
      const found = lines.find((l) => l.msg === 'request' && l.route === route && match(l));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail(`no access line for ${route}:\n${raw.join('')}`);
  }

  it('a failed token request is logged with its AADSTS code, client id and the client\'s correlation id', async () => {
    const route = `/${TENANT}/oauth2/v2.0/token`;
    const { status, body } = await postForm(`${tessera.url}${route}`, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: 'not-the-secret-value', scope: 'https://graph.microsoft.com/.default' }, { 'client-request-id': CORRELATION });
    assert.equal(status, 401);
    assert.deepEqual(body.error_codes, [7000215]);
    const line = await accessLine(route, (l) => l.status === 401);
    assert.equal(line.level, 30, 'info');
    assert.equal(line.method, 'POST');
    assert.equal(line.errorCode, 'AADSTS7000215');
    assert.equal(line.clientId, DAEMON);
    assert.equal(line.correlationId, CORRELATION);
    assert.equal(line.traceId, body.trace_id, 'the trace id the client was given');
    assert.equal(typeof line.durationMs, 'number');
  });

  it('a successful request logs status 200 and its duration, and no error code', async () => {
    const route = `/${TENANT}/v2.0/.well-known/openid-configuration`;
    const response = await fetch(`${tessera.url}${route}`);
    assert.equal(response.status, 200);
    const line = await accessLine(route);
    assert.equal(line.status, 200);
    assert.equal(line.method, 'GET');
    assert.ok(typeof line.durationMs === 'number' && line.durationMs >= 0, `durationMs ${String(line.durationMs)}`);
    assert.equal(line.errorCode, undefined);
    assert.match(String(line.traceId), /^[0-9a-f-]{36}$/);
  });

  it('a Graph 403 is logged with the Graph error code and the request-id Graph sent', async () => {
    const response = await fetch(`${tessera.url}/v1.0/groups?$top=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 403);
    const line = await accessLine('/v1.0/groups');
    assert.equal(line.status, 403);
    assert.equal(line.errorCode, 'Authorization_RequestDenied');
    assert.equal(line.traceId, response.headers.get('request-id'));
  });

  it('a web error page is logged with its AADSTS code; the query string is not', async () => {
    const route = `/${TENANT}/oauth2/v2.0/authorize`;
    const unknownClient = '10a90000-0000-4000-8000-0000000000ff';
    const response = await fetch(`${tessera.url}${route}?client_id=${unknownClient}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=openid&login_hint=someone%40requestlog.onmicrosoft.com`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /AADSTS700016/);
    const line = await accessLine(route, (l) => l.clientId === unknownClient);
    assert.equal(line.errorCode, 'AADSTS700016');
    assert.ok(!raw.some((l) => l.includes('someone@requestlog') || l.includes('someone%40requestlog')), 'login_hint is not logged');
  });

  it('an error redirected to the client is logged with its AADSTS code', async () => {
    const route = `/${TENANT}/oauth2/v2.0/authorize`;
    const response = await fetch(`${tessera.url}${route}?client_id=${WEB}&response_type=bogus&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=openid`, { redirect: 'manual' });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    const code = location.searchParams.get('error_codes');
    assert.ok(code, `an error redirect: ${location.href}`);
    const line = await accessLine(route, (l) => l.clientId === WEB && l.status === 302);
    assert.equal(line.errorCode, `AADSTS${code}`);
  });

  it('a wrong password on the sign-in page is logged with AADSTS50126; no password, cookie, code or token is', async () => {
    const authorize = `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?client_id=${WEB}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=${encodeURIComponent('openid offline_access')}`;
    const client = new FormClient();
    let page = await client.get(authorize);
    page = await client.submit(tessera.url, page, { loginfmt: USER });
    const wrong = await client.submit(tessera.url, page, { passwd: 'Not-The-Password-1!' });
    assert.match(wrong.html, /AADSTS50126/);
    const line = await accessLine(`/${TENANT}/login`, (l) => l.errorCode !== undefined);
    assert.equal(line.errorCode, 'AADSTS50126');
    assert.equal(line.status, 200, 'the page is shown again');

    const landed = await signInForCode(new FormClient(), tessera.url, authorize, USER, USER_PASSWORD);
    const code = landed.searchParams.get('code') ?? '';
    const route = `/${TENANT}/oauth2/v2.0/token`;
    const redeemed = await postForm(`${tessera.url}${route}`, { grant_type: 'authorization_code', client_id: WEB, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK });
    assert.equal(redeemed.status, 200);
    await accessLine(route, (l) => l.clientId === WEB && l.status === 200);
    const all = raw.join('');
    for (const secret of [USER_PASSWORD, 'Not-The-Password-1!', client.cookie.split('=')[1] ?? '-', code, String(redeemed.body.refresh_token), String(redeemed.body.id_token)]) {
      assert.ok(secret.length > 8 && !all.includes(secret), `${secret.slice(0, 12)}… is not in the log`);
    }
  });

  it('logs neither an id_token_hint, nor a Basic header, nor a bearer token', async () => {
    const logout = `/${TENANT}/oauth2/v2.0/logout`;
    await (await fetch(`${tessera.url}${logout}?id_token_hint=${token}&post_logout_redirect_uri=${encodeURIComponent(CALLBACK)}`, { redirect: 'manual' })).text();
    await accessLine(logout);

    const route = `/${TENANT}/oauth2/v2.0/token`;
    const basic = `Basic ${Buffer.from(`${DAEMON}:${DAEMON_SECRET}`).toString('base64')}`;
    const { status } = await postForm(`${tessera.url}${route}`, { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' }, { authorization: basic });
    assert.equal(status, 200);
    await accessLine(route, (l) => l.status === 200 && l.clientId === undefined);

    await (await fetch(`${tessera.url}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${token}` } })).text();
    await accessLine('/v1.0/users');

    const all = raw.join('');
    for (const secret of [token, DAEMON_SECRET, basic, basic.slice(6), 'id_token_hint']) assert.ok(!all.includes(secret), `${secret.slice(0, 20)}… is not in the log`);
    assert.doesNotMatch(all, /eyJ[\w-]+\.eyJ/, 'no JWT');
  });
});
