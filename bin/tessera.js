#!/usr/bin/env node
// The `tessera` command: the built CLI (dist/cli/main.js) when present, else the TypeScript
// sources through tsx (a development checkout).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { spawn } = await import('node:child_process');
  const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  // A child process with tsx's loader: signals are forwarded so graceful shutdown still works.
  const child = spawn(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
