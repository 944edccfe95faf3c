/**
 * Graph token validation on every /v1.0 and /beta request (graph.md §1.7, §1.8, §4.1 steps 1 and
 * 3; tokens.md §7.3): signature by a published key, issuer of this Tessera (v1 or v2 form) for
 * the token's own tenant, Graph audience, lifetime with 5 minutes of skew, existing tenant, and a
 * calling application that has a service principal in the tenant.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { APPS, CHRIS, CONTOSO, FABRIKAM } from '../graph.config.js';
import {
  appToken, assertGraphError, assertGraphSuccess, bootGraphTessera, callGraph, graphClaims, tesseraSigned, throwawaySigned, type Tessera,
} from '../graph-helpers.js';

const TOKEN = 'InvalidAuthenticationToken';
const USER = `/v1.0/users/${CHRIS}`;

let tessera: Tessera;
let readerToken: string;
let readerSp: string;

before(async () => {
  tessera = await bootGraphTessera();
  readerToken = await appToken(tessera, APPS.reader);
  readerSp = decodeJwt(readerToken).oid as string;
});
after(() => tessera.close());

/** App-only claims of the Reader daemon, as the token service issues them. */
const readerClaims = (extra: Record<string, unknown> = {}) =>
  graphClaims(tessera, { appid: APPS.reader, idtyp: 'app', oid: readerSp, sub: readerSp, roles: ['User.Read.All'], ...extra });

describe('Graph token validation', () => {
  it('accepts a token from the token endpoint, on /v1.0 and /beta', async () => {
    assertGraphSuccess(await callGraph(tessera, USER, readerToken));
    assertGraphSuccess(await callGraph(tessera, `/beta/users/${CHRIS}`, readerToken));
  });

  it("answers a missing or empty token with 401 'Access token is empty.' and Graph's challenge", async () => {
    assertGraphError(await callGraph(tessera, USER, null), 401, TOKEN, 'Access token is empty.');
    assertGraphError(await callGraph(tessera, USER, null, { authorization: 'Bearer ' }), 401, TOKEN, 'Access token is empty.');
    assertGraphError(await callGraph(tessera, USER, null, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), 401, TOKEN, 'Access token is empty.');
    assertGraphError(await callGraph(tessera, '/beta/nonsense', null), 401, TOKEN, 'Access token is empty.');
  });

  it('answers a token that is not a JWT with the CompactToken error', async () => {
    for (const token of ['EwBwA8l6BAAU7p9QDpi', 'a.b', 'a.b.c.d.e', '!!!.@@@.###']) {
      assertGraphError(await callGraph(tessera, USER, token), 401, TOKEN, 'CompactToken parsing failed with error code: 80049217');
    }
  });

  it('refuses a signature by an unpublished key, a tampered payload and non-RS256 algorithms', async () => {
    const failure = 'Access token validation failure.';
    assertGraphError(await callGraph(tessera, USER, await throwawaySigned(readerClaims())), 401, TOKEN, failure);
    // The kid of a published key, but the signature of another key.
    const kid = (await tessera.keys.jwks())[0]?.kid as string;
    assertGraphError(await callGraph(tessera, USER, await throwawaySigned(readerClaims(), kid)), 401, TOKEN, failure);
    // A real token whose payload was changed after signing.
    const [header, , signature] = readerToken.split('.');
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(readerToken), roles: ['Directory.ReadWrite.All'] })).toString('base64url');
    assertGraphError(await callGraph(tessera, USER, `${header}.${payload}.${signature}`), 401, TOKEN, failure);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(readerClaims())).toString('base64url')}.`;
    assertGraphError(await callGraph(tessera, USER, none), 401, TOKEN, failure);
  });

  it('refuses expired and not-yet-valid tokens, allowing five minutes of skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = 'Access token has expired or is not yet valid.';
    assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ exp: now - 400 }))), 401, TOKEN, expired);
    assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ nbf: now + 400 }))), 401, TOKEN, expired);
    assertGraphError(await callGraph(tessera, USER, await throwawaySigned(readerClaims({ exp: now - 400 }))), 401, TOKEN, expired);
    assertGraphSuccess(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ exp: now - 200 }))));
    assertGraphSuccess(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ nbf: now + 200 }))));
  });

  it('refuses tokens for another audience, accepts every form of the Graph audience', async () => {
    const invalid = 'Access token validation failure. Invalid audience.';
    // Seed 003: a token for the API itself is not a Graph token.
    const apiToken = await appToken(tessera, APPS.reader, { scope: 'api://orders/.default' });
    assertGraphError(await callGraph(tessera, USER, apiToken), 401, TOKEN, invalid);
    for (const aud of ['https://graph.windows.net', '00000002-0000-0000-c000-000000000000', 'https://graph.microsoft.com/v1.0']) {
      assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ aud }))), 401, TOKEN, invalid);
    }
    assertGraphError(await callGraph(tessera, USER, await throwawaySigned(readerClaims({ aud: 'api://orders' }))), 401, TOKEN, invalid);
    for (const aud of ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000']) {
      assertGraphSuccess(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ aud }))));
    }
  });

  it('accepts v1 and v2 issuers of this Tessera, refuses other issuers and tenant mismatches', async () => {
    const failure = 'Access token validation failure.';
    assertGraphSuccess(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ iss: `${tessera.url}/${CONTOSO}/v2.0`, ver: '2.0', azp: APPS.reader }))));
    for (const iss of [
      `https://login.microsoftonline.com/${CONTOSO}/v2.0`,
      `https://sts.windows.net/${CONTOSO}/`,
      `https://evil.example/${CONTOSO}/`,
      `${tessera.url.replace('https:', 'http:')}/${CONTOSO}/`,
      `${tessera.url}/${FABRIKAM}/`,
      `${tessera.url}/common/v2.0`,
      `${tessera.url}/${CONTOSO}`,
    ]) {
      assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ iss }))), 401, TOKEN, failure);
    }
  });

  it('refuses a token for a tenant that does not exist', async () => {
    const ghost = '7c0e0000-0000-4000-8000-0000000000ff';
    const token = await tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, idtyp: 'app', oid: readerSp, roles: ['User.Read.All'] }, ghost));
    assertGraphError(await callGraph(tessera, USER, token), 401, TOKEN, 'Access token validation failure.');
  });

  it('answers 401 Authorization_IdentityNotFound when the calling app has no service principal in the tenant', async () => {
    const message = 'The identity of the calling application could not be established.';
    // Contoso's Reader service principal, presented in Fabrikam, where Reader was never consented.
    const token = await tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, idtyp: 'app', oid: readerSp, sub: readerSp, roles: ['User.Read.All'] }, FABRIKAM));
    assertGraphError(await callGraph(tessera, USER, token), 401, 'Authorization_IdentityNotFound', message);
    // An oid that is no service principal at all, and one that belongs to another app.
    assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ oid: CHRIS }))), 401, 'Authorization_IdentityNotFound', message);
    assertGraphError(await callGraph(tessera, USER, await tesseraSigned(tessera, readerClaims({ appid: APPS.basic }))), 401, 'Authorization_IdentityNotFound', message);
  });

  it('serves repeated calls with the same token from the validation cache', async () => {
    const token = await appToken(tessera, APPS.reader);
    const first = await callGraph(tessera, USER, token);
    const responses = await Promise.all(Array.from({ length: 20 }, () => callGraph(tessera, USER, token)));
    for (const response of [first, ...responses]) {
      assertGraphSuccess(response);
      assert.equal(response.body.id, CHRIS);
    }
  });

  it('echoes client-request-id, and otherwise repeats request-id', async () => {
    const echoed = await callGraph(tessera, USER, readerToken, { 'client-request-id': '539da3bd-942f-25db-636b-27f6f6e8eae4' });
    assert.equal(echoed.headers.get('client-request-id'), '539da3bd-942f-25db-636b-27f6f6e8eae4');
    assert.notEqual(echoed.headers.get('request-id'), '539da3bd-942f-25db-636b-27f6f6e8eae4');
    const failed = await callGraph(tessera, USER, null, { 'client-request-id': 'my-id' });
    assertGraphError(failed, 401, TOKEN, 'Access token is empty.');
    assert.equal(failed.headers.get('client-request-id'), 'my-id');
    const plain = await callGraph(tessera, USER, readerToken);
    assert.equal(plain.headers.get('client-request-id'), plain.headers.get('request-id'));
  });
});
