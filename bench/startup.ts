/**
 * Start-up times of the built CLI (issue 8 item 6), as a user meets them: spawn of
 * `node bin/tessera.js start` on a warm data directory (CA, keys and demo already there) to the
 * first HTTPS answer of `GET /health` trusted through the data directory's CA, and spawn of
 * `tessera --help` to its exit. Yardstick: spawn of `node -e 0` to its exit, measured in the same
 * run, so the ratios hold on another machine. Runs `npm run build` first: bin/tessera.js runs
 * dist/ when present, and a stale build would measure old code.
 *   npx tsx bench/startup.ts [runs]   prints the measures as JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/tessera.js');

/** Median, min and max of a series, in milliseconds. */
export interface Series {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface StartupMeasures {
  runs: number;
  /** `node -e 0`, spawn to exit. */
  yardstick: Series;
  /** `tessera --help`, spawn to exit. */
  help: Series;
  /** `tessera start` on a warm data directory, spawn to the first HTTPS answer. */
  warmStart: Series;
}

function series(values: number[]): Series {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (n: number) => Math.round(n);
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted.at(-1) ?? 0), runs: values.map(round) };
}

/** Spawn to exit of `args`, in ms; throws when the command fails. */
function timeToExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether `GET /health` answers 200 (false while nothing listens yet). */
function healthy(port: number, ca: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: 'localhost', port, path: '/health', ca, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** The data directory's CA, once the first start has written it. */
function caOf(dataDir: string): Buffer | null {
  try {
    return readFileSync(join(dataDir, 'ca.pem'));
  } catch {
    return null;
  }
}

/** Spawns `tessera start` and resolves with the ms until `/health` answers, then stops it. */
async function timeToFirstAnswer(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'start', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'], {
    cwd: root,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TESSERA_'))),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`tessera start exited ${child.exitCode}: ${stderr}`);
      const ca = caOf(dataDir);
      if (ca !== null && (await healthy(port, ca))) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Builds dist/ and measures `runs` times each (interleaved, so drift hits every series alike). */
export async function measureStartup(runs = 5): Promise<StartupMeasures> {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-startup-'));
  try {
    const port = await freePort();
    // First start: CA, server certificate, keys, demo. Not measured; what follows is warm.
    await timeToFirstAnswer(dataDir, port);
    const yardstick: number[] = [];
    const help: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      yardstick.push(await timeToExit(['-e', '0']));
      help.push(await timeToExit([bin, '--help']));
      warm.push(await timeToFirstAnswer(dataDir, port));
    }
    return { runs, yardstick: series(yardstick), help: series(help), warmStart: series(warm) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await measureStartup(Number(process.argv[2] ?? 5)), null, 2)}\n`);
}
