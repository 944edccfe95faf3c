/**
 * grant_type=refresh_token over raw HTTP after a real sign-in through Tessera's pages (protocol.md
 * §5.2, §4.3, §10.3; tokens.md §10.2): multi-resource refresh, consent limits, another client's
 * token, public-client reuse detection, the SPA Origin rule and 24 h cap, and revocation by
 * `tessera users revoke-sessions` (the real CLI on the server's database).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { runCli } from '../../helpers/cli-run.js';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { FormClient, signInForCode } from '../authorize/form-client.js';
import { ALICE, ALICE_PASSWORD, API_APP, API_SCOPE, CAROL, CAROL_PASSWORD, environment, PUBLIC_APP, SPA_APP, SPA_REDIRECT, TENANT, WEB_APP, WEB_SECRET } from './refresh.config.js';

const CALLBACK = 'http://localhost:47322/callback';
const VERIFIER = 'r'.repeat(43) + 'efresh-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const HOUR = 3600_000;
let clockOffset = 0;
let tessera: Awaited<ReturnType<typeof bootTessera>>;
let dir: string;
let database: string;

before(async () => {
  // A database file, so that the CLI in its own process reaches the server's state.
  dir = await mkdtemp(join(tmpdir(), 'tessera-refresh-'));
  database = `sqlite:${join(dir, 'tessera.db')}`;
  tessera = await bootTessera({ environment: environment(CALLBACK), database, now: () => new Date(Date.now() + clockOffset) });
});
after(async () => {
  await tessera?.close();
  await rm(dir, { recursive: true, force: true });
});

const tokenUrl = () => `${tessera.url}/${TENANT}/oauth2/v2.0/token`;
const token = (form: Record<string, string>, headers: Record<string, string> = {}) => postForm(tokenUrl(), form, headers);
const refresh = (form: Record<string, string>, headers: Record<string, string> = {}) => token({ grant_type: 'refresh_token', ...form }, headers);

/** Signs `user` in at `client_id` and redeems the code; returns the code grant's response body. */
async function signedIn(params: Record<string, string>, redeem: Record<string, string>, headers: Record<string, string> = {}, user = ALICE, password = ALICE_PASSWORD): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ response_type: 'code', state: 's', code_challenge: CHALLENGE, code_challenge_method: 'S256', ...params }).toString();
  const landed = await signInForCode(new FormClient(), tessera.url, `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${query}`, user, password);
  const code = landed.searchParams.get('code');
  assert.ok(code, landed.toString());
  const redeemed = await token({ grant_type: 'authorization_code', client_id: params.client_id as string, code, redirect_uri: params.redirect_uri as string, code_verifier: VERIFIER, ...redeem }, headers);
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  assert.equal(typeof redeemed.body.refresh_token, 'string');
  return redeemed.body;
}

const web = (user = ALICE, password = ALICE_PASSWORD) => signedIn({ client_id: WEB_APP, redirect_uri: CALLBACK, scope: `User.Read ${API_SCOPE} openid offline_access` }, { client_secret: WEB_SECRET }, {}, user, password);
const publicClient = () => signedIn({ client_id: PUBLIC_APP, redirect_uri: 'http://localhost', scope: 'User.Read openid offline_access' }, {});

function refused(response: Awaited<ReturnType<typeof postForm>>, error: string, code: number, status = 400): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error, error);
  assert.deepEqual(response.body.error_codes, [code]);
}

describe('refresh_token: a confidential web client', () => {
  it('refreshes for either consented resource; several resources → the first scope\'s; the old token stays valid', async () => {
    const first = await web();
    const rt = first.refresh_token as string;
    const graph = await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt, scope: 'User.Read openid offline_access', client_info: '1' });
    assert.equal(graph.status, 200, JSON.stringify(graph.body));
    assert.notEqual(graph.body.refresh_token, rt);
    assert.notEqual(graph.body.access_token, first.access_token);
    assert.equal(decodeJwt(graph.body.access_token as string).aud, 'https://graph.microsoft.com');
    assert.equal(decodeJwt(graph.body.id_token as string).aud, WEB_APP);
    assert.equal(typeof graph.body.client_info, 'string');
    assert.match(graph.body.scope as string, /User\.Read/);

    // ENTRA-COMPAT: the replaced token of a confidential client still works.
    const api = await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt, scope: `${API_SCOPE} User.Read offline_access` });
    assert.equal(api.status, 200, JSON.stringify(api.body));
    const apiToken = decodeJwt(api.body.access_token as string);
    assert.equal(apiToken.aud, API_APP);
    assert.equal(apiToken.scp, 'access_as_user');

    const unauthenticated = await refresh({ client_id: WEB_APP, refresh_token: graph.body.refresh_token as string });
    assert.equal(unauthenticated.status, 401);
    assert.deepEqual(unauthenticated.body.error_codes, [7000218]);
  });

  it('refuses a scope the user did not consent to (AADSTS65001), another client\'s token (AADSTS70000), an unknown one', async () => {
    const rt = (await web()).refresh_token as string;
    const notConsented = await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt, scope: 'Mail.Read' });
    refused(notConsented, 'invalid_grant', 65001);
    assert.equal(notConsented.body.suberror, 'consent_required');
    refused(await refresh({ client_id: PUBLIC_APP, refresh_token: rt }), 'invalid_grant', 70000);
    refused(await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: 'not-a-token' }), 'invalid_grant', 70000);
    // Refusals spent nothing: the token still works.
    assert.equal((await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt })).status, 200);
  });

  it('90 days sliding: each use renews the window; a token unused for 90 days → AADSTS700082', async () => {
    const rt = (await web()).refresh_token as string;
    const DAY = 24 * HOUR;
    try {
      clockOffset = 80 * DAY;
      const renewed = await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt });
      assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
      clockOffset = 160 * DAY;
      assert.equal((await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: renewed.body.refresh_token as string })).status, 200);
      refused(await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt }), 'invalid_grant', 700082);
    } finally {
      clockOffset = 0;
    }
  });

  it('`tessera users revoke-sessions` revokes the user\'s tokens: AADSTS50173', async () => {
    const rt = (await web(CAROL, CAROL_PASSWORD)).refresh_token as string;
    const cli = await runCli(['users', 'revoke-sessions', TENANT, CAROL, '--json', '--database', database, '--data-dir', dir]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.ok((JSON.parse(cli.stdout) as { refreshTokenFamilies: number }).refreshTokenFamilies >= 1);
    refused(await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt }), 'invalid_grant', 50173);
    const unknownUser = await runCli(['users', 'revoke-sessions', TENANT, 'nobody@contoso.example', '--database', database, '--data-dir', dir]);
    assert.equal(unknownUser.code, 2);
  });
});

describe('refresh_token: v1 (/oauth2/token, protocol.md §11.2)', () => {
  it('refreshes with `resource`; v1 string fields and a new refresh token', async () => {
    const query = new URLSearchParams({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, resource: 'https://graph.microsoft.com' }).toString();
    const landed = await signInForCode(new FormClient(), tessera.url, `${tessera.url}/${TENANT}/oauth2/authorize?${query}`, ALICE, ALICE_PASSWORD);
    const v1Token = (form: Record<string, string>) => postForm(`${tessera.url}/${TENANT}/oauth2/token`, { client_id: WEB_APP, client_secret: WEB_SECRET, ...form });
    const redeemed = await v1Token({ grant_type: 'authorization_code', code: landed.searchParams.get('code') ?? '', redirect_uri: CALLBACK });
    assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
    const refreshed = await v1Token({ grant_type: 'refresh_token', refresh_token: redeemed.body.refresh_token as string, resource: 'https://graph.microsoft.com' });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.resource, 'https://graph.microsoft.com');
    assert.equal(typeof refreshed.body.expires_in, 'string');
    assert.notEqual(refreshed.body.refresh_token, redeemed.body.refresh_token);
    assert.equal(decodeJwt(refreshed.body.access_token as string).aud, 'https://graph.microsoft.com');
  });
});

describe('refresh_token: a public client (RFC 9700 reuse detection)', () => {
  it('rotates; the replaced token presented again revokes the family, its newest token too', async () => {
    const rt1 = (await publicClient()).refresh_token as string;
    const second = await refresh({ client_id: PUBLIC_APP, refresh_token: rt1, scope: 'User.Read offline_access' });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const rt2 = second.body.refresh_token as string;
    refused(await refresh({ client_id: PUBLIC_APP, refresh_token: rt2, client_secret: 'x' }), 'invalid_client', 700025, 401);
    const third = await refresh({ client_id: PUBLIC_APP, refresh_token: rt2 });
    assert.equal(third.status, 200);
    refused(await refresh({ client_id: PUBLIC_APP, refresh_token: rt1 }), 'invalid_grant', 50173);
    refused(await refresh({ client_id: PUBLIC_APP, refresh_token: third.body.refresh_token as string }), 'invalid_grant', 50173);
  });
});

describe('refresh_token: a SPA (protocol.md §4.3)', () => {
  it('only cross-origin (AADSTS9002327), CORS on the answer, and 24 h from the sign-in at most (AADSTS700084)', async () => {
    const origin = { origin: 'https://spa.example' };
    const rt = (await signedIn({ client_id: SPA_APP, redirect_uri: SPA_REDIRECT, scope: 'User.Read openid offline_access' }, {}, origin)).refresh_token as string;
    refused(await refresh({ client_id: SPA_APP, refresh_token: rt }), 'invalid_request', 9002327);
    const ok = await refresh({ client_id: SPA_APP, refresh_token: rt }, origin);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://spa.example');
    clockOffset = 23 * HOUR;
    try {
      const late = await refresh({ client_id: SPA_APP, refresh_token: ok.body.refresh_token as string }, origin);
      assert.equal(late.status, 200, JSON.stringify(late.body));
      clockOffset = 24 * HOUR + 60_000;
      refused(await refresh({ client_id: SPA_APP, refresh_token: late.body.refresh_token as string }, origin), 'invalid_grant', 700084);
    } finally {
      clockOffset = 0;
    }
  });
});

describe('a replayed authorization code (RFC 9700 §4.2.4, protocol.md §5.1)', () => {
  it('answers AADSTS54005 and revokes the refresh tokens that code produced, rotated ones too', async () => {
    const query = new URLSearchParams({ response_type: 'code', state: 's', code_challenge: CHALLENGE, code_challenge_method: 'S256', client_id: WEB_APP, redirect_uri: CALLBACK, scope: 'User.Read openid offline_access' });
    const landed = await signInForCode(new FormClient(), tessera.url, `${tessera.url}/${TENANT}/oauth2/v2.0/authorize?${query}`, ALICE, ALICE_PASSWORD);
    const code = landed.searchParams.get('code') as string;
    const redemption = { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK, code_verifier: VERIFIER };
    const first = await token(redemption);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const rotated = await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: first.body.refresh_token as string, scope: 'User.Read offline_access' });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));

    refused(await token(redemption), 'invalid_grant', 54005);
    for (const rt of [first.body.refresh_token, rotated.body.refresh_token]) {
      refused(await refresh({ client_id: WEB_APP, client_secret: WEB_SECRET, refresh_token: rt as string, scope: 'User.Read offline_access' }), 'invalid_grant', 50173);
    }
  });
});
