/**
 * `tessera start --workers 2`: the primary prepares once and forks two workers that share the
 * port; they serve the same keys; SIGTERM stops them all and the primary exits 0.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startCli, type CliServer } from '../helpers/cli-run.js';

function status(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // A fresh connection per request, so the kernel can hand them to either worker.
    get(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('tessera start --workers', () => {
  let dir: string | undefined;
  let server: CliServer | undefined;
  after(async () => {
    await server?.stop('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves from two workers on one port and stops them all on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-cli-workers-'));
    server = startCli(['--port', '0', '--workers', '2', '--no-demo', '--data-dir', dir, '--log-level', 'warn']);
    const url = (await server.waitFor(/Tessera is listening on (https:\/\/localhost:\d+) with 2 workers/, 40_000))[1] ?? '';
    const pid = server.child.pid ?? 0;
    const workers = execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n').map(Number);
    assert.equal(workers.length, 2);
    const ca = await readFile(join(dir, 'ca.pem'));
    const answers = await Promise.all(Array.from({ length: 8 }, () => status(`${url}/common/discovery/v2.0/keys`, ca)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'every worker publishes the same keys');
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.deepEqual(workers.filter(alive), [], 'no worker outlives the primary');
  });
});
