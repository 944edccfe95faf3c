/**
 * `tessera start --log-format`: JSON lines (pino's) with `json` and by default when stdout is not a
 * terminal (here a pipe), one readable line per request with `text` — the real CLI in a child
 * process; `TESSERA_LOG_FORMAT` as the variable. Plain HTTP keeps the test free of CA set-up;
 * the logging is the same.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type CliServer } from '../helpers/cli-run.js';

const LISTENING = /Tessera is listening on (http:\/\/localhost:\d+)/;
const CORRELATION = 'c0ffee00-1234-4abc-8def-0000000000c1';
const ROUTE = '/common/v2.0/.well-known/openid-configuration';

describe('tessera start --log-format', () => {
  let dir: string;
  let server: CliServer | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-log-format-'));
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('--log-format json writes one of pino\'s JSON lines per request', async () => {
    server = startCli(['--http', '--port', '0', '--no-demo', '--data-dir', join(dir, 'json'), '--database', ':memory:', '--log-format', 'json']);
    const out = await exercise(server);
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const ok = lines.find((l) => l.msg === 'request' && l.route === ROUTE);
    assert.ok(ok, out);
    assert.equal(ok.level, 30);
    assert.equal(ok.status, 200);
    assert.equal(ok.method, 'GET');
    assert.equal(ok.correlationId, CORRELATION);
    assert.equal(typeof ok.durationMs, 'number');
    const failed = lines.find((l) => l.msg === 'request' && l.route === '/common/oauth2/v2.0/token');
    assert.equal(failed?.errorCode, 'AADSTS50059');
    assert.equal(failed?.status, 400);
  });

  it('--log-format text writes one readable line per request', async () => {
    server = startCli(['--http', '--port', '0', '--no-demo', '--data-dir', join(dir, 'text'), '--database', ':memory:', '--log-format', 'text']);
    const out = await exercise(server);
    assert.match(out, new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GET ${ROUTE.replace(/\./g, '\\.')} 200 \\d+(?:\\.\\d)?ms correlation=${CORRELATION} trace=[0-9a-f-]{36}$`, 'm'));
    assert.match(out, /^\d\d:\d\d:\d\d\.\d{3} POST \/common\/oauth2\/v2\.0\/token 400 \d+(?:\.\d)?ms AADSTS50059 correlation=[0-9a-f-]{36} trace=[0-9a-f-]{36}$/m);
    assert.match(out, /^\d\d:\d\d:\d\d\.\d{3} INFO Server listening at http:\/\/\S+$/m, 'other lines are text too');
    assert.doesNotMatch(out, /^\{"level"/m, 'no JSON line');
  });

  it('TESSERA_LOG_FORMAT=text does the same as the flag; an unknown format is a usage error', async () => {
    server = startCli(['--http', '--port', '0', '--no-demo', '--data-dir', join(dir, 'env'), '--database', ':memory:'], { TESSERA_LOG_FORMAT: 'text' });
    assert.match(await exercise(server), /^\d\d:\d\d:\d\d\.\d{3} POST \/common\/oauth2\/v2\.0\/token 400 /m);
    const wrong = await runCli(['start', '--log-format', 'pretty', '--data-dir', join(dir, 'wrong')]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /logFormat: /);
  });

  it('by default (auto) a pipe gets JSON lines', async () => {
    server = startCli(['--http', '--port', '0', '--no-demo', '--data-dir', join(dir, 'auto'), '--database', ':memory:']);
    const out = await exercise(server);
    assert.match(out, /^\{"level":30,.*"route":"\/common\/v2\.0\/\.well-known\/openid-configuration","status":200,/m);
  });
});

/** One successful and one failed request; resolves with stdout once both are logged and the server stopped. */
async function exercise(server: CliServer): Promise<string> {
  const url = (await server.waitFor(LISTENING))[1] ?? '';
  const response = await fetch(`${url}${ROUTE}?x-client-SKU=test`, { headers: { 'client-request-id': CORRELATION } });
  assert.equal(response.status, 200);
  await response.text();
  const failed = await fetch(`${url}/common/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  assert.equal(failed.status, 400);
  await failed.text();
  await server.waitFor(/oauth2\/v2\.0\/token.*AADSTS50059/);
  assert.equal(await server.stop(), 0);
  return server.output();
}
