/**
 * `tessera start --workers 2`: one code, two redemptions at once on fresh connections (so the
 * kernel may hand them to different workers). Exactly one gets tokens; the other is told the code
 * was already redeemed (AADSTS54005) — the single-use guarantee lives in the shared database.
 * With `offline_access`, a replay that lands before the winner issued its refresh token revokes
 * the family first, so the winner fails too (RFC 6749 §4.1.2): never two successes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startCli, type CliServer } from '../../helpers/cli-run.js';
import { postForm } from '../../helpers/tessera.js';
import { ALICE, ALICE_PASSWORD, environment, TENANT, WEB_APP, WEB_SECRET } from './authorize.config.js';
import { FormClient, signInForCode } from './form-client.js';

const CALLBACK = 'http://localhost:47600/callback';

describe('two workers racing to redeem one code', () => {
  let dir: string | undefined;
  let server: CliServer | undefined;
  after(async () => {
    await server?.stop('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('redeems it exactly once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-code-race-'));
    const envFile = join(dir, 'environment.json');
    await writeFile(envFile, JSON.stringify(environment(CALLBACK)));
    const dataDir = process.env.TESSERA_TEST_DATA_DIR ?? '';
    server = startCli(['--port', '0', '--workers', '2', '--no-demo', '--data-dir', dataDir, '--database', `sqlite:${join(dir, 'tessera.db')}`, '--environment', envFile, '--log-level', 'warn']);
    const url = (await server.waitFor(/Tessera is listening on (https:\/\/localhost:\d+) with 2 workers/, 60_000))[1] ?? '';
    for (const scope of ['openid User.Read', 'openid User.Read', 'openid offline_access User.Read', 'openid offline_access User.Read']) {
      const landed = await signInForCode(new FormClient(), url, `${url}/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: WEB_APP, response_type: 'code', redirect_uri: CALLBACK, scope }).toString()}`, ALICE, ALICE_PASSWORD);
      const code = landed.searchParams.get('code') ?? '';
      const redeem = () => postForm(`${url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'authorization_code', client_id: WEB_APP, client_secret: WEB_SECRET, code, redirect_uri: CALLBACK }, { connection: 'close' });
      const answers = await Promise.all([redeem(), redeem()]);
      const wins = answers.filter((a) => a.status === 200);
      const losses = answers.filter((a) => a.status !== 200);
      if (scope.includes('offline_access')) assert.ok(wins.length <= 1, 'never two successes');
      else assert.equal(wins.length, 1, JSON.stringify(answers.map((a) => a.body)));
      for (const loss of losses) assert.deepEqual(loss.body.error_codes, [54005]);
    }
  });
});
