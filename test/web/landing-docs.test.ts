/**
 * The docs served at `/docs/<name>.md`: every docs/*.md of the repository, linked from the
 * landing page, byte for byte and as text/markdown; nothing else — traversal in every spelling,
 * other files, case variants, NUL bytes all get the web surface's HTML 404. The allowlist skips
 * symbolic links and subdirectories.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DOCS_DIR, loadDocsIndex } from '../../src/web/landing/docs.js';
import { bootTessera } from '../helpers/tessera.js';
import { rawRequest } from './fixtures/landing.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let docs: string[];

before(async () => {
  tessera = await bootTessera();
  docs = (await readdir(new URL('../../docs/', import.meta.url))).filter((name) => name.endsWith('.md')).sort();
});
after(() => tessera?.close());

describe('docs on the landing page', () => {
  it('links every docs/*.md and serves each one read-only, as it is in the repository', async () => {
    assert.ok(docs.length >= 5 && docs.includes('configuration.md'), docs.join());
    const page = await (await fetch(`${tessera.url}/`)).text();
    for (const name of docs) {
      const href = `${tessera.url}/docs/${name}`;
      assert.ok(page.includes(`href="${href}"`), `the page links ${name}`);
      const response = await fetch(href);
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get('content-type'), 'text/markdown; charset=utf-8', name);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      assert.equal(await response.text(), await readFile(new URL(`../../docs/${name}`, import.meta.url), 'utf8'), name);
    }
  });

  it('answers traversal and every other name with the HTML 404, never a file outside the allowlist', async () => {
    const packageJson = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const attempts = [
      '/docs/../package.json',
      '/docs/..%2Fpackage.json',
      '/docs/..%2fpackage.json',
      '/docs/%2e%2e%2fpackage.json',
      '/docs/%2E%2E/package.json',
      '/docs/.%2e/package.json',
      '/docs/..%5Cpackage.json',
      '/docs/..\\package.json',
      '/docs/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/docs/....//package.json',
      '/docs/%2Fetc%2Fpasswd',
      '/docs/..',
      '/docs/%2e%2e',
      '/docs/.',
      '/docs/',
      '/docs',
      '/docs/cli.md%00',
      '/docs/cli.md%00.md',
      '/docs/CLI.md',
      '/docs/README.md',
      '/docs/package.json',
      '/docs/.gitignore',
      '/docs/__proto__',
      '/docs/constructor',
      `/docs/${'a'.repeat(400)}.md`,
    ];
    for (const path of attempts) {
      const response = await rawRequest(tessera.url, path);
      assert.equal(response.status, 404, `${path}: ${response.body.slice(0, 200)}`);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8', path);
      assert.ok(!response.body.includes('"devDependencies"') && !response.body.includes(packageJson.slice(0, 40)), path);
      assert.doesNotMatch(response.body, /root:.*:0:0:/, path);
    }
  });
});

describe('the docs allowlist', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-docs-'));
    await writeFile(join(dir, 'guide.md'), '# Guide\n');
    await writeFile(join(dir, 'notes.txt'), 'not markdown');
    await writeFile(join(dir, '.hidden.md'), 'hidden');
    await mkdir(join(dir, 'sub.md'));
    await symlink('/etc/passwd', join(dir, 'passwd.md'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('holds the regular .md files only: no symbolic link, directory, hidden or other file', async () => {
    const index = await loadDocsIndex(dir);
    assert.deepEqual(index.names, ['guide.md']);
    assert.equal(await index.read('guide.md'), '# Guide\n');
    for (const name of ['passwd.md', 'sub.md', '.hidden.md', 'notes.txt', '../guide.md']) assert.equal(await index.read(name), undefined, name);
  });

  it('is empty, not an error, when there is no docs directory', async () => {
    assert.deepEqual((await loadDocsIndex(join(dir, 'missing'))).names, []);
    assert.ok(DOCS_DIR.endsWith('/docs/'));
  });
});
