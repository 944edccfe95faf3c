/**
 * One load run: wrk when it is installed (C, epoll — it leaves more of this 2-core machine to the
 * server), autocannon otherwise. Both keep 50 HTTPS connections open against 127.0.0.1.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers plus socket errors. */
  failures: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

export const loadTool: 'wrk' | 'autocannon' = spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';

export function load(options: LoadOptions): Promise<LoadResult> {
  return loadTool === 'wrk' ? withWrk(options) : withAutocannon(options);
}

async function withAutocannon(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({ url: o.url, method: o.method ?? 'GET', headers: o.headers, body: o.body, connections: o.connections, duration: o.seconds });
  return { requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failures: r.non2xx + r.errors };
}

async function withWrk(o: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wrk-'));
  const script = join(dir, 'request.lua');
  // wrk's Lua hooks: the request to send, and a count of non-2xx answers.
  writeFileSync(
    script,
    `wrk.method = ${JSON.stringify(o.method ?? 'GET')}
${o.body === undefined ? '' : `wrk.body = ${JSON.stringify(o.body)}`}
${Object.entries(o.headers ?? {}).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n')}
`,
  );
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--latency', '-s', script, o.url], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}`))));
    });
    const latency = (pct: string) => toMs(new RegExp(`^\\s+${pct}%\\s+(\\S+)`, 'm').exec(output)?.[1] ?? 'NaN');
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
    const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
    return { requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0), p50: latency('50'), p99: latency('99'), failures: non2xx + socketErrors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}
