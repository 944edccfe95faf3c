/**
 * `tessera apply` through the real CLI process: idempotent application, and refusal of invalid
 * files with the bad field's path, exit code 2 and a database left exactly as it was.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { runCli } from '../helpers/cli-run.js';
import { rowCounts } from '../helpers/env-counts.js';

const GOOD = `
tenants:
  - displayName: Contoso
    domain: contoso
    users:
      - userPrincipalName: alice
        password: Alice-Pass-1!
    applications:
      - displayName: Web
        web: { redirectUris: ["https://web.example/cb"] }
        requiredPermissions: { Microsoft Graph: [User.Read] }
        secrets: [{ value: web-secret-value-0001 }]
      - displayName: Daemon
        requiredPermissions: { Microsoft Graph: [User.Read.All] }
    consent:
      - application: Daemon
`;

// The third application's first web redirect URI is plain http on a public host.
const BAD_URI = GOOD.replace('      - displayName: Daemon', '      - displayName: Daemon\n      - displayName: Bad\n        web: { redirectUris: ["http://bad.example/cb"] }');
const BAD_REFERENCE = GOOD.replace('[User.Read.All]', '[User.Read.Everything]');

describe('tessera apply', () => {
  let dir: string;
  let database: string;
  const file = (name: string) => join(dir, name);
  const counts = async () => {
    const storage = await openStorage(database, { skipMigrations: true });
    try {
      return await rowCounts(storage.db);
    } finally {
      await storage.close();
    }
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-cli-apply-'));
    database = `sqlite:${file('tessera.db')}`;
    await writeFile(file('good.yaml'), GOOD);
    await writeFile(file('bad-uri.yaml'), BAD_URI);
    await writeFile(file('bad-reference.yaml'), BAD_REFERENCE);
    await writeFile(file('broken.yaml'), 'tenants: [ { domain: x\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('applies a file, and applying it again creates nothing', async () => {
    const first = await runCli(['apply', file('good.yaml'), '--database', database]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created 1 tenant, 1 user, 2 applications, 1 secret, 1 consent/);
    const before = await counts();
    const second = await runCli(['apply', file('good.yaml'), '--database', database]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /already up to date, nothing created/);
    assert.deepEqual(await counts(), before);
  });

  it('refuses an invalid redirect URI with its path, exit code 2, and the database byte for byte unchanged', async () => {
    const bytes = await readFile(file('tessera.db'));
    const result = await runCli(['apply', file('bad-uri.yaml'), '--database', database]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /tenants\[0\]\.applications\[2\]\.web\.redirectUris\[0\]: must be an absolute https URI/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(await readFile(file('tessera.db')), bytes);
  });

  it('refuses an unknown permission name after resolving, with nothing written', async () => {
    const before = await counts();
    const bytes = await readFile(file('tessera.db'));
    const result = await runCli(['apply', file('bad-reference.yaml'), '--database', database]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /tenants\[0\]\.applications\[1\]\.requiredPermissions\["Microsoft Graph"\]\[0\]: Microsoft Graph has no permission 'User\.Read\.Everything'/);
    assert.deepEqual(await readFile(file('tessera.db')), bytes, 'the transaction was rolled back');
    assert.deepEqual(await counts(), before);
  });

  it('refuses unreadable YAML and a missing file with exit code 2', async () => {
    const broken = await runCli(['apply', file('broken.yaml'), '--database', database]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid YAML/);
    const missing = await runCli(['apply', file('missing.yaml'), '--database', database]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the file \(ENOENT\)/);
  });
});
