/**
 * Drive the real `tessera` CLI in a child process (`node --import tsx src/cli/main.ts …`), as a
 * user would: exit code, stdout and stderr; or a long-running `start` whose output is awaited.
 * With TESSERA_TEST_LOG_DIR set (scripts/test.ts), every child's log lines (the log records on
 * stdout, and all of stderr) are appended to this process's `cli-<pid>.log` there, for the
 * leak scan. The human summaries on stdout are not logs: they show generated secrets once, on
 * purpose (docs/cli.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Whom the CLI runs as: e.g. an unprivileged user, when the tests run as root (file modes, ports). */
export interface RunAs {
  uid: number;
  gid: number;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, as?: RunAs): ChildProcess {
  // A clean TESSERA_* slate: the test's own flags decide, not the developer's shell.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TESSERA_') || k.startsWith('TESSERA_TEST_')));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(as ?? {}) });
  const logDir = process.env.TESSERA_TEST_LOG_DIR;
  if (logDir) captureLogs(child, join(logDir, `cli-${process.pid}.log`));
  return child;
}

// A log record: one of pino's JSON lines, or a text-mode line (server/log-text.ts).
const LOG_RECORD = /^(?:\{"level":|\d\d:\d\d:\d\d\.\d{3} )/;

function captureLogs(child: ChildProcess, file: string): void {
  const lines = (keep: (line: string) => boolean) => {
    let rest = '';
    return (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const cut = text.lastIndexOf('\n') + 1;
      rest = text.slice(cut);
      const kept = text.slice(0, cut).split('\n').filter((line) => line !== '' && keep(line));
      if (kept.length > 0) appendFileSync(file, `${kept.join('\n')}\n`);
    };
  };
  child.stdout?.on('data', lines((line) => LOG_RECORD.test(line)));
  child.stderr?.on('data', lines(() => true));
}

/** Runs a command to completion. */
export function runCli(args: string[], env?: NodeJS.ProcessEnv, as?: RunAs): Promise<CliResult> {
  const child = spawnCli(args, env, as);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A running `tessera start`. */
export interface CliServer {
  child: ChildProcess;
  /** stdout so far. */
  output(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout (rejects on exit or timeout). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Servers still running when a test file ends (a failed wait, a forgotten stop) would keep the
// test runner waiting forever: they are killed when the test process exits.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `tessera start …`. */
export function startCli(args: string[], env?: NodeJS.ProcessEnv): CliServer {
  const child = spawnCli(['start', ...args], env);
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    child,
    output: () => stdout,
    stderr: () => stderr,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = stdout.match(pattern);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`tessera exited (${code}) before ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.on('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
