/**
 * `npm run bench`: autocannon against the real server, reported as ratios to yardsticks
 * measured in the same run on the same machine (design.md Performance; never a timed test).
 *   1. raw async RS256 signs/s on every core (bench/sign-rate.ts, its own process);
 *   2. a bare Fastify HTTPS endpoint (bench/bare-server.ts);
 *   3. client-credentials tokens/s at 50 connections, p50/p99 (Tessera in its own process);
 * The load generator is wrk when installed (`apt-get install wrk`), else autocannon.
 *   4. Graph `GET /v1.0/users/{id}` req/s with an app-only token;
 *   5. sign-in page renders/s, authorization-code and refresh-token redemptions/s (bench/delegated.ts);
 *   6. start-up of the built CLI: `tessera --help` and a warm `tessera start` to its first HTTPS
 *      answer, against `node -e 0` (bench/startup.ts; measured first, before any load runs;
 *      BENCH_STARTUP_RUNS, default 5).
 * Writes bench/results/<date>.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTlsMaterial } from '../src/server/tls.js';
import { measureCodeRedemption, measureRefresh, measureSignInPage, postForm, type BenchServerInfo, type Measured } from './delegated.js';
import { load, loadTool, type LoadOptions } from './load.js';
import { measureStartup, type Series } from './startup.js';

const root = new URL('..', import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;

interface Child {
  child: ChildProcess;
  info: Record<string, unknown>;
  /** Writes one command line to the child's stdin; resolves with its next JSON line. */
  ask(line: string): Promise<Record<string, unknown>>;
}

/** A child that prints JSON lines: the first describes it, each later one answers a command. */
function startChild(args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }> = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line) waiting.shift()?.resolve(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${args[0]} exited with ${code}`));
  });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => waiting.push({ resolve, reject }));
  const ask = (line: string) => {
    const answer = next();
    child.stdin?.write(line + '\n');
    return answer;
  };
  return next().then((info) => ({ child, info, ask }));
}

function measureSignRate(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sign-rate.ts', String(seconds * 1000)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { signsPerSecond: number }).signsPerSecond) : reject(new Error('sign-rate failed'))));
  });
}

function run(options: Omit<LoadOptions, 'connections' | 'seconds'>) {
  return load({ connections, seconds, ...options });
}

// Start-up first: the load runs leave the machine warm and busy (page cache, a draining server).
const startup = await measureStartup(Number(process.env.BENCH_STARTUP_RUNS ?? 5));
const startupRow = (s: Series) => `${s.median} ms (${s.min}–${s.max}) | ${(s.median / startup.yardstick.median).toFixed(1)}`;

const tlsDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const tls = await ensureTlsMaterial(tlsDir, []);
const children: ChildProcess[] = [];
try {
  // The signing yardstick is measured before and after the server runs and averaged: on a shared
  // VM the machine's speed drifts over a run, and both halves of each ratio should see the same.
  const signRateBefore = await measureSignRate();
  const bare = await startChild(['bench/bare-server.ts', join(tlsDir, 'server.pem'), join(tlsDir, 'server-key.pem')]);
  children.push(bare.child);
  const bareResult = await run({ url: `https://localhost:${bare.info.port as number}/bare` });
  bare.child.kill('SIGTERM');

  const server = await startChild(['bench/server.ts', tlsDir]);
  children.push(server.child);
  const info = server.info as unknown as BenchServerInfo & { clientId: string; clientSecret: string; userId: string };
  const tokenUrl = `${info.url}/${info.tenantId}/oauth2/v2.0/token`;
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, scope: 'https://graph.microsoft.com/.default' }).toString();
  const first = (await postForm(tokenUrl, form, tls.caPem)).json;
  if (typeof first.access_token !== 'string') throw new Error(`token request failed: ${JSON.stringify(first)}`);
  const tokenResult = await run({ url: tokenUrl, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const graphResult = await run({ url: `${info.url}/v1.0/users/${info.userId}`, headers: { authorization: `Bearer ${first.access_token}` } });
  const delegated = { info, ca: tls.caPem, connections, seconds, workDir: tlsDir, ask: server.ask };
  const pageResult = await measureSignInPage(delegated);
  // More codes than the client-credentials rate could redeem in the run (a redemption signs more).
  const supply = Math.ceil(tokenResult.requestsPerSecond * seconds * 1.1) + 100;
  const code = await measureCodeRedemption(delegated, supply);
  const refresh = await measureRefresh(delegated, code.refreshToken);

  server.child.kill('SIGTERM');
  const signRateAfter = await measureSignRate();
  const signRate = Math.round((signRateBefore + signRateAfter) / 2);
  const tokensPerSecond = tokenResult.requestsPerSecond;
  const ratioTokens = tokensPerSecond / signRate;
  const ratioGraph = graphResult.requestsPerSecond / bareResult.requestsPerSecond;
  const ratioPage = pageResult.requestsPerSecond / bareResult.requestsPerSecond;
  const loads = [tokenResult, graphResult, bareResult, pageResult, ...[code.measured, refresh].flatMap((m) => (m.available ? [m.result] : []))];
  const errors = loads.reduce((sum, r) => sum + r.failures, 0);
  // Only 200 redemptions count (successesPerSecond): a failed one is cheaper than a real one.
  const rateRow = (m: Measured) => (m.available ? `${Math.round(m.result.successesPerSecond)} (p50 ${m.result.p50} ms, p99 ${m.result.p99} ms; non-2xx or errors ${m.result.failures})${m.note ? ` — ${m.note}` : ''}` : m.reason);
  const ratioRow = (m: Measured) => (m.available ? (m.result.successesPerSecond / tokensPerSecond).toFixed(2) : 'n/a');
  const date = new Date().toISOString().slice(0, 10);
  const report = `# Benchmark ${date}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. ${connections} connections, ${seconds} s per run, ${loadTool} over HTTPS on 127.0.0.1 (load generator, server and signer share the same cores).

| measure | result |
|---|---|
| raw RS256 signs/s (node:crypto callback form, thread pool; mean of before/after) | ${signRate} (${signRateBefore} / ${signRateAfter}) |
| bare Fastify HTTPS endpoint req/s | ${Math.round(bareResult.requestsPerSecond)} |
| client-credentials tokens/s | ${Math.round(tokensPerSecond)} (p50 ${tokenResult.p50} ms, p99 ${tokenResult.p99} ms) |
| Graph \`GET /v1.0/users/{id}\` req/s | ${Math.round(graphResult.requestsPerSecond)} (p50 ${graphResult.p50} ms, p99 ${graphResult.p99} ms) |
| sign-in page \`GET /authorize\` (no session) req/s | ${Math.round(pageResult.requestsPerSecond)} (p50 ${pageResult.p50} ms, p99 ${pageResult.p99} ms) |
| authorization-code redemptions/s (200 only; \`${info.codeScope}\`: access + ID token + refresh token) | ${rateRow(code.measured)} |
| refresh-token redemptions/s (200 only; one confidential-client token replayed) | ${rateRow(refresh)} |
| non-2xx or errors during load | ${errors} |

| ratio | value | target |
|---|---|---|
| tokens/s ÷ raw signs/s | ${ratioTokens.toFixed(2)} | ≥ 0.80 |
| token p99 | ${tokenResult.p99} ms | ≤ 50 ms |
| Graph req/s ÷ bare req/s | ${ratioGraph.toFixed(2)} | ≥ 0.40 |
| sign-in page req/s ÷ bare req/s | ${ratioPage.toFixed(2)} | — |
| code redemptions/s ÷ client-credentials tokens/s | ${ratioRow(code.measured)} | — |
| refresh-token redemptions/s ÷ client-credentials tokens/s | ${ratioRow(refresh)} | — |

Start-up of the built CLI (\`node bin/tessera.js\`, which runs dist/), ${startup.runs} runs each, interleaved; median (min–max):

| measure | result | ÷ \`node -e 0\` | target |
|---|---|---|---|
| \`node -e 0\`, spawn to exit (yardstick) | ${startupRow(startup.yardstick)} | — |
| \`tessera --help\`, spawn to exit | ${startupRow(startup.help)} | ≤ 300 ms |
| warm \`tessera start\` (CA, keys, demo in place), spawn to the first HTTPS answer of \`GET /health\` | ${startupRow(startup.warmStart)} | ≤ 1000 ms |
`;
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, `bench/results/${date}.md`), report);
  process.stdout.write(report);
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(tlsDir, { recursive: true, force: true });
}
