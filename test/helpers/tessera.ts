/**
 * Boot a real Tessera (HTTPS on 127.0.0.1, random port, in-memory SQLite) for one test file.
 * The CA comes from the test runner's data dir, which the test process already trusts through
 * NODE_EXTRA_CA_CERTS (scripts/test.ts), exactly as users trust theirs.
 * Logs go, at `debug`, to one file per test process in TESSERA_TEST_LOG_DIR (scripts/test.ts
 * scans them for leaked credentials after the suite).
 */
import { join } from 'node:path';
import { startTessera } from '../../src/index.js';

type StartOptions = NonNullable<Parameters<typeof startTessera>[0]>;

export async function bootTessera(options: StartOptions = {}): Promise<Awaited<ReturnType<typeof startTessera>>> {
  const dataDir = process.env.TESSERA_TEST_DATA_DIR;
  if (!dataDir) throw new Error('run tests through `npm test` (scripts/test.ts sets up the test CA)');
  const logDir = process.env.TESSERA_TEST_LOG_DIR;
  const logs = logDir && options.logDestination === undefined ? { logDestination: testLogFile(logDir), logLevel: options.logLevel ?? 'debug' } : {};
  return startTessera({ dataDir, ...options, ...logs });
}

/** This test process's log file in `dir`. */
export function testLogFile(dir: string, kind = 'tessera'): string {
  return join(dir, `${kind}-${process.pid}.log`);
}

/** POST a form and return status, headers and parsed JSON. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
