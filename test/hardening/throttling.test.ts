/**
 * Credential guessing is throttled (issue 6 item 6): failed client authentications are counted
 * per address and per client id; over a limit the attempt gets 429 AADSTS50196 with a short
 * `Retry-After` before its credential is checked, and the limit lifts when the window ends.
 * Legitimate clients are not slowed: an address where a client recently succeeded stays usable
 * for that client, and other client ids and addresses are unaffected. Each 127.x.y.z source
 * address is another client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, MULTI, MULTI_SECRET, SINGLE, SINGLE_SECRET, TENANT_A } from '../protocol/client-credentials/client-credentials.config.js';
import { form, httpsRequest } from './wire.js';

// Long enough that a loaded machine finishes each scenario inside one window; the test moves
// the server's clock past it instead of waiting.
const WINDOW_S = 60;
let clockOffsetMs = 0;
const advancePastWindow = () => {
  clockOffsetMs += WINDOW_S * 1000 + 1000;
};
const PER_ADDRESS = 5;
const PER_CLIENT = 8;
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({
    environment: environment(await createCertificates()),
    now: () => new Date(Date.now() + clockOffsetMs),
    config: { authThrottleWindowSeconds: WINDOW_S, authThrottlePerAddress: PER_ADDRESS, authThrottlePerClient: PER_CLIENT },
  });
});
after(() => tessera.close());

async function token(from: string, clientId: string, secret: string, basic = false) {
  const fields: Record<string, string> = { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', host: `localhost:${tessera.port}` };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  else Object.assign(fields, { client_id: clientId, client_secret: secret });
  const response = await httpsRequest(tessera.port, { method: 'POST', path: `/${TENANT_A}/oauth2/v2.0/token`, headers, body: form(fields), localAddress: from });
  return { status: response.status, retryAfter: response.headers['retry-after'], body: response.json() };
}

function assertThrottled(response: Awaited<ReturnType<typeof token>>, what: string) {
  assert.equal(response.status, 429, `${what}: ${JSON.stringify(response.body)}`);
  assert.equal(response.body.error, 'invalid_request');
  assert.deepEqual(response.body.error_codes, [50196]);
  assert.match(response.body.error_description as string, /^AADSTS50196: /);
  assert.equal(response.body.access_token, undefined);
  const seconds = Number(response.retryAfter);
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= WINDOW_S, `Retry-After ${response.retryAfter}`);
}


describe('failed client authentication from one address', () => {
  it('throttles the address after its limit, refuses even the right secret while throttled, and lifts after the window', async () => {
    const attacker = '127.0.0.2';
    // DAEMON succeeds from the attacker's address first: that pair is familiar.
    assert.equal((await token(attacker, DAEMON, DAEMON_SECRET)).status, 200);
    for (let i = 0; i < PER_ADDRESS; i++) {
      const response = await token(attacker, SINGLE, `wrong-${i}`, i % 2 === 1);
      assert.equal(response.status, 401, `attempt ${i}`);
      assert.deepEqual(response.body.error_codes, [7000215]);
    }
    assertThrottled(await token(attacker, SINGLE, 'wrong-again'), 'next wrong secret');
    // Refused before the check: a right guess made while throttled learns nothing.
    assertThrottled(await token(attacker, SINGLE, SINGLE_SECRET), 'the right secret from the throttled address');
    assertThrottled(await token(attacker, MULTI, MULTI_SECRET, true), 'another client id from the throttled address');
    // Legitimate clients: the same client elsewhere, and the familiar pair on the same address.
    assert.equal((await token('127.0.0.3', SINGLE, SINGLE_SECRET)).status, 200, 'SINGLE from another address');
    assert.equal((await token(attacker, DAEMON, DAEMON_SECRET)).status, 200, 'DAEMON where it authenticated before');

    advancePastWindow();
    assert.equal((await token(attacker, SINGLE, SINGLE_SECRET)).status, 200, 'lifted after the window');
  });

  it('counts wrong Basic credentials and unknown client ids too, and never successes', async () => {
    const from = '127.0.0.5';
    for (let i = 0; i < 20; i++) assert.equal((await token(from, DAEMON, DAEMON_SECRET, i % 2 === 0)).status, 200);
    for (let i = 0; i < PER_ADDRESS; i++) {
      const response = i % 2 === 0 ? await token(from, SINGLE, 'nope', true) : await token(from, '0e0e0e0e-0000-4000-8000-000000000000', 'nope');
      assert.ok(response.status === 401 || response.status === 400, `attempt ${i}: ${response.status}`);
    }
    assertThrottled(await token(from, SINGLE, SINGLE_SECRET), 'after basic and unknown-client failures');
  });
});

describe('failed authentication of one client id from many addresses', () => {
  it('throttles that client id for unfamiliar addresses only, and lifts after the window', async () => {
    const familiar = '127.0.0.4';
    assert.equal((await token(familiar, MULTI, MULTI_SECRET)).status, 200);
    // One wrong guess from each of PER_CLIENT addresses: no address reaches its own limit.
    for (let i = 0; i < PER_CLIENT; i++) assert.equal((await token(`127.0.1.${i + 1}`, MULTI, 'guess')).status, 401);
    assertThrottled(await token('127.0.2.1', MULTI, MULTI_SECRET), 'MULTI from a new address');
    assert.equal((await token(familiar, MULTI, MULTI_SECRET)).status, 200, 'MULTI from its familiar address');
    assert.equal((await token('127.0.2.1', DAEMON, DAEMON_SECRET)).status, 200, 'another client id from the new address');

    advancePastWindow();
    assert.equal((await token('127.0.2.1', MULTI, MULTI_SECRET)).status, 200, 'lifted after the window');
  });
});
