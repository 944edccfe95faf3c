/**
 * PostgreSQL goes away under load (issue 6 item 1): two `tessera start` nodes share one database
 * while a client keeps asking both for tokens and Graph reads. The database is restarted
 * (`pg_ctl restart -m fast`), its backends are terminated (`pg_terminate_backend`), and it is
 * stopped for a while and started again. Neither node exits; while the database is away, answers
 * are 503 in the surface's own shape with Retry-After (never a 500), `/health` stays 200 and
 * `/ready` says 503; afterwards both nodes serve again and `/ready` is 200.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO } from '../../src/environment/demo-values.js';
import { startCli, type CliServer } from '../helpers/cli-run.js';
import { startPostgresCluster, type TestPostgresCluster } from '../helpers/postgres.js';
import { httpsClient, type Answer, type Client } from './http.js';

const LISTENING = /Tessera is listening on (https:\/\/localhost:\d+)/;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Node {
  name: string;
  server: CliServer;
  url: string;
}

/** Wrong on the wire: anything but 200, or a 503 in the surface's shape with Retry-After. */
function problem(kind: 'token' | 'graph', answer: Answer): string | null {
  if (answer.status === 200) return null;
  if (answer.status !== 503) return `${kind}: ${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.headers['retry-after'] !== '1') return `${kind}: 503 without Retry-After`;
  if (kind === 'token') {
    const { error, error_codes: codes, error_description: description } = answer.body;
    if (error !== 'temporarily_unavailable' || JSON.stringify(codes) !== '[90006]' || !String(description).startsWith('AADSTS90006:')) {
      return `token: 503 not in Entra's shape: ${answer.text}`;
    }
  } else {
    const error = answer.body.error as { code?: string; innerError?: Record<string, unknown> } | undefined;
    if (error?.code !== 'serviceNotAvailable' || typeof error.innerError?.['request-id'] !== 'string') return `graph: 503 not in Graph's shape: ${answer.text}`;
  }
  return null;
}

describe('PostgreSQL outage under load, two nodes', () => {
  let cluster: TestPostgresCluster | undefined;
  let dataDir: string | undefined;
  const nodes: Node[] = [];
  let client: Client;

  before(async () => {
    cluster = await startPostgresCluster();
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-outage-'));
    // One data directory: the second node reuses the first one's CA and server certificate.
    for (const name of ['a', 'b']) {
      const server = startCli(['--port', '0', '--data-dir', dataDir, '--database', cluster.url, '--log-level', 'warn', ...(name === 'b' ? ['--no-demo'] : [])]);
      nodes.push({ name, server, url: (await server.waitFor(LISTENING, 40_000))[1] ?? '' });
    }
    client = httpsClient(await readFile(join(dataDir, 'ca.pem')));
  });
  after(async () => {
    client?.close();
    for (const node of nodes) await node.server.stop('SIGKILL');
    await cluster?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const token = (node: Node) =>
    client.postForm(`${node.url}/${DEMO.tenant.id}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: DEMO.applications.daemon.appId,
      client_secret: DEMO.applications.daemon.secret,
      scope: 'https://graph.microsoft.com/.default',
    });
  // Listing users is never served from a cache, so it meets the database on every call.
  const graph = (node: Node, accessToken: string) => client.get(`${node.url}/v1.0/users?$top=1`, { authorization: `Bearer ${accessToken}` });

  function assertAlive(when: string): void {
    for (const node of nodes) {
      assert.equal(node.server.child.exitCode, null, `node ${node.name} exited ${when}:\n${node.server.stderr()}`);
      assert.equal(node.server.child.signalCode, null, `node ${node.name} was killed ${when}`);
    }
  }

  /** Token and Graph requests to every node in a loop until stopped; records what was wrong. */
  function load(accessTokens: Map<string, string>) {
    const problems: string[] = [];
    const seen = { ok: 0, unavailable: 0 };
    let running = true;
    const loops = nodes.map(async (node) => {
      for (let i = 0; running && i < 5000; i++) {
        const answers: Array<['token' | 'graph', Answer]> = [];
        try {
          const t = await token(node);
          answers.push(['token', t]);
          if (t.status === 200) accessTokens.set(node.name, String(t.body.access_token));
          answers.push(['graph', await graph(node, accessTokens.get(node.name) ?? '')]);
        } catch (error) {
          problems.push(`node ${node.name}: ${String(error)}`);
          await sleep(100);
        }
        for (const [kind, answer] of answers) {
          const wrong = problem(kind, answer);
          if (wrong) problems.push(`node ${node.name} ${wrong}`);
          else if (answer.status === 200) seen.ok++;
          else seen.unavailable++;
        }
        await sleep(10);
      }
    });
    return {
      problems,
      seen,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** Polls until `check` holds for every node (bounded), returning the last answers. */
  async function eventually(what: string, check: (node: Node) => Promise<boolean>, timeoutMs = 25_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const node of nodes) {
      while (!(await check(node).catch(() => false))) {
        if (Date.now() > deadline) assert.fail(`node ${node.name}: ${what} within ${timeoutMs} ms`);
        await sleep(200);
      }
    }
  }

  it('survives a restart, terminated backends and a stopped server; 503 in each shape while away; serves again after', async () => {
    const accessTokens = new Map<string, string>();
    for (const node of nodes) {
      const t = await token(node);
      assert.equal(t.status, 200, t.text);
      accessTokens.set(node.name, String(t.body.access_token));
      assert.equal((await graph(node, String(t.body.access_token))).status, 200);
      assert.equal((await client.get(`${node.url}/ready`)).status, 200);
    }

    const running = load(accessTokens);
    await sleep(300);
    await cluster!.restart();
    await sleep(500);
    assertAlive('after pg_ctl restart -m fast');
    assert.ok((await cluster!.terminateBackends()) >= 2, 'both nodes had connections to terminate');
    await sleep(500);
    assertAlive('after pg_terminate_backend');

    // The outage window: stopped until every node has answered both surfaces with 503.
    await cluster!.stopServer();
    const outage = { token: new Set<string>(), graph: new Set<string>() };
    await eventually('token and Graph answer 503 while the database is stopped', async (node) => {
      const t = await token(node);
      const g = await graph(node, accessTokens.get(node.name) ?? '');
      assert.equal(problem('token', t), null);
      assert.equal(problem('graph', g), null);
      if (t.status === 503) outage.token.add(node.name);
      if (g.status === 503) outage.graph.add(node.name);
      return outage.token.has(node.name) && outage.graph.has(node.name);
    });
    for (const node of nodes) {
      // Tenant resolution of a tenant no cache has seen: "unavailable", not "tenant not found".
      const discovery = await client.get(`${node.url}/${randomUUID()}/v2.0/.well-known/openid-configuration`);
      assert.equal(discovery.status, 503, discovery.text);
      assert.equal(problem('token', discovery), null);
      // Keys may still come from the keystore's short cache; if not, a 503 in Entra's shape.
      assert.equal(problem('token', await client.get(`${node.url}/common/discovery/v2.0/keys`)), null);
      const ready = await client.get(`${node.url}/ready`);
      assert.equal(ready.status, 503);
      assert.equal(ready.headers['retry-after'], '1');
      assert.equal((await client.get(`${node.url}/health`)).status, 200, 'alive while the database is away');
    }
    assertAlive('during the outage');

    await cluster!.startServer();
    await eventually('/ready is 200 again', async (node) => (await client.get(`${node.url}/ready`)).status === 200);
    await eventually('a token and a Graph read succeed again', async (node) => {
      const t = await token(node);
      return t.status === 200 && (await graph(node, String(t.body.access_token))).status === 200;
    });
    await running.stop();
    assertAlive('after the database came back');
    assert.deepEqual(running.problems, [], 'every answer under load was 200 or a well-formed 503');
    assert.ok(running.seen.ok > 0 && running.seen.unavailable > 0, `load saw both service and outage (${JSON.stringify(running.seen)})`);

    for (const node of nodes) assert.equal(await node.server.stop('SIGTERM'), 0, `node ${node.name} stops cleanly`);
  });
});
