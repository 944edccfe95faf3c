/**
 * The leak scan itself (test/logs/leak-scan.ts) can fail: planted credentials are found with
 * their file and line, and a clean log passes. scripts/test.ts runs the real scan after the suite.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO } from '../../src/environment/demo-values.js';
import { newHandle } from '../../src/state/handles.js';
import { DAEMON_SECRET } from '../protocol/client-credentials/client-credentials.config.js';
import { ALICE_PASSWORD } from '../protocol/authorize/authorize.config.js';
import { collectCredentials, scanLogs } from './leak-scan.js';

const root = new URL('../../', import.meta.url).pathname;
const credentials = collectCredentials(root);
const dir = mkdtempSync(join(tmpdir(), 'tessera-leak-scan-'));

function scan(lines: string[]): ReturnType<typeof scanLogs> {
  const case_ = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(case_, 'tessera-1.log'), `${lines.join('\n')}\n`);
  return scanLogs(case_, credentials);
}

const CLEAN = '{"level":30,"traceId":"3c503b24-b6d5-4e99-adf9-def360757c68","method":"POST","route":"/contoso/oauth2/v2.0/token","status":401,"errorCode":"AADSTS7000215","msg":"request"}';

describe('log leak scan', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('collects the demo, test-source and YAML-in-test credentials', () => {
    for (const value of [DEMO.applications.daemon.secret, DEMO.users.admin.password, DEMO.users.bob.totpSecret, DAEMON_SECRET, ALICE_PASSWORD, 'from-file-secret-0001']) {
      assert.ok(credentials.values.has(value), `collects ${value}`);
    }
    assert.ok(![...credentials.values.keys()].some((v) => v.length < 8), 'no value short enough to match ordinary words');
  });

  it('passes a clean log', () => {
    assert.deepEqual(scan([CLEAN, CLEAN]), []);
  });

  it('finds a planted secret, password or TOTP secret, with file and line', () => {
    const leaks = scan([CLEAN, `{"msg":"x","body":"client_secret=${DAEMON_SECRET}"}`, CLEAN, `password=${DEMO.users.alice.password}`, `totp ${DEMO.users.bob.totpSecret}`]);
    assert.deepEqual(leaks.map((l) => [l.file.endsWith('tessera-1.log'), l.line]), [[true, 2], [true, 4], [true, 5]]);
    assert.match(leaks[0]?.what ?? '', /client-credentials\.config\.ts/);
    assert.ok(!leaks.some((l) => l.what.includes(DAEMON_SECRET)), 'the report does not repeat the secret');
  });

  it('finds JWTs, handles, private keys and Basic credentials by their shape', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJl';
    const leaks = scan([
      `{"route":"/logout?id_token_hint=${jwt}"}`,
      `code ${newHandle('ac')}`,
      `refresh ${newHandle('rt')} device ${newHandle('dc')}`,
      `cookie ${newHandle('ss')}`,
      '-----BEGIN PRIVATE KEY-----',
      `authorization: Basic ${Buffer.from('client:secret-value').toString('base64')}`,
    ]);
    assert.deepEqual(leaks.map((l) => l.line), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...new Set(leaks.map((l) => l.what))].length, 4);
  });
});
