/**
 * Issue 8 "Done when": the README's in-process snippet, pasted into a new project that installs
 * Tessera from this clone (`npm install <clone>`, as a user would), gets a token with msal-node
 * and reads /users with the Graph SDK — with no environment variable set (a fresh HOME, no
 * NODE_EXTRA_CA_CERTS, no TESSERA_*). The snippet is read from README.md, so the README cannot
 * drift from what works; it must also equal examples/in-process.test.mjs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The first ```js block under the README's "In your own test suite" heading. */
function readmeSnippet(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## In your own test suite$/m)[1];
  const match = section?.match(/```js\n([\s\S]*?)```/);
  assert.ok(match?.[1], 'README.md has a js snippet under "## In your own test suite"');
  return match[1];
}

/** The version installed here, so npm can take it from its cache. */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-new-project-'));
});
after(() => rm(dir, { recursive: true, force: true }));

it('the README snippet is examples/in-process.test.mjs', () => {
  assert.equal(readmeSnippet(), readFileSync(join(ROOT, 'examples', 'in-process.test.mjs'), 'utf8'));
});

it('pasted into a new project that installs Tessera from the clone, it passes with no environment variable set', async () => {
  const project = join(dir, 'my-app');
  const home = join(dir, 'home');
  await mkdir(project);
  await mkdir(home);
  // What `npm init -y` writes (CommonJS by default: the snippet is a .mjs file for that reason).
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'my-app', version: '1.0.0', private: true }, null, 2));
  // Only what a user's machine has: PATH for node and npm, a fresh HOME, npm's cache.
  const npmEnv = { PATH: process.env.PATH, HOME: home, npm_config_cache: join(process.env.HOME ?? home, '.npm') };
  const install = await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ROOT, `@azure/msal-node@${installedVersion('@azure/msal-node')}`, `@microsoft/microsoft-graph-client@${installedVersion('@microsoft/microsoft-graph-client')}`],
    project,
    npmEnv,
  );
  assert.equal(install.code, 0, install.output);
  await writeFile(join(project, 'tessera.test.mjs'), readmeSnippet());
  const test = await run(process.execPath, ['--test', 'tessera.test.mjs'], project, { PATH: process.env.PATH, HOME: home });
  assert.equal(test.code, 0, test.output);
  assert.match(test.output, /^# pass 1$/m);
  assert.match(test.output, /^# fail 0$/m);
});
