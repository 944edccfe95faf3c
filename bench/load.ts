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
  /** 2xx answers per second (what a single-use supply, like authorization codes, can count). */
  successesPerSecond: number;
  /** Requests sent in all. */
  requests: number;
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
  /** One body per request, each sent once, in order (a supply of single-use codes); past the end, the last is repeated. */
  bodies?: readonly string[];
  connections: number;
  seconds: number;
}

export const loadTool: 'wrk' | 'autocannon' = spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';

export function load(options: LoadOptions): Promise<LoadResult> {
  return loadTool === 'wrk' ? withWrk(options) : withAutocannon(options);
}

async function withAutocannon(o: LoadOptions): Promise<LoadResult> {
  const bodies = o.bodies;
  let next = 0;
  const requests = bodies === undefined ? undefined : [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[Math.min(next++, bodies.length - 1)] }) }];
  const r = await autocannon({ url: o.url, method: o.method ?? 'GET', headers: o.headers, body: o.body, connections: o.connections, duration: o.seconds, ...(requests ? { requests } : {}) });
  return { requestsPerSecond: r.requests.average, successesPerSecond: r['2xx'] / r.duration, requests: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, failures: r.non2xx + r.errors };
}

async function withWrk(o: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wrk-'));
  const script = join(dir, 'request.lua');
  const bodiesFile = join(dir, 'bodies.txt');
  if (o.bodies !== undefined) writeFileSync(bodiesFile, o.bodies.join('\n') + '\n');
  // wrk's Lua hooks: the request to send (wrk counts non-2xx answers itself). With a body supply,
  // request() pops the next line of the file per request (one thread: -t1, so no line is sent twice).
  writeFileSync(
    script,
    `wrk.method = ${JSON.stringify(o.method ?? 'GET')}
${o.body === undefined ? '' : `wrk.body = ${JSON.stringify(o.body)}`}
${Object.entries(o.headers ?? {}).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n')}
${o.bodies === undefined ? '' : supplyScript(bodiesFile)}
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
    const total = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(output);
    const requests = Number(total?.[1] ?? 0);
    const durationMs = total ? toMs(total[3] === 'm' ? `${Number(total[2]) * 60}s` : `${total[2]}${total[3]}`) : Number.NaN;
    return {
      requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
      successesPerSecond: ((requests - non2xx) * 1000) / durationMs,
      requests,
      p50: latency('50'), p99: latency('99'),
      failures: non2xx + socketErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lua for wrk: one body per request from the file, in order; the last repeats once they run out. */
function supplyScript(file: string): string {
  return `local bodies = {}
for line in io.lines(${JSON.stringify(file)}) do bodies[#bodies + 1] = line end
local index = 0
request = function()
  index = math.min(index + 1, #bodies)
  return wrk.format(nil, nil, nil, bodies[index])
end`;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}
