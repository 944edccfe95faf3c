/**
 * The complete example of docs/environment.md is a real environment: it applies, and applying it
 * again creates nothing (docs tested against the code, shared/style.md convention 5).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDirectory } from '../../src/directory/index.js';
import { applyEnvironmentFile } from '../../src/environment/apply.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { createClientCertificate } from '../fixtures/certs/client-certificate.js';
import { rowCounts } from '../helpers/env-counts.js';

describe('docs/environment.md example', () => {
  let dir: string;
  let storage: Storage;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-docs-example-'));
    const doc = await readFile(new URL('../../docs/environment.md', import.meta.url), 'utf8');
    const example = /## A complete example\s+```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'docs/environment.md has a complete YAML example');
    await writeFile(join(dir, 'environment.yaml'), example);
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'nightly-job.pem'), (await createClientCertificate()).certificatePem);
    storage = await openStorage(':memory:');
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies, and a second time creates nothing', async () => {
    const directory = createDirectory(storage);
    const first = await applyEnvironmentFile(directory, join(dir, 'environment.yaml'));
    assert.deepEqual(first.created, { tenants: 2, users: 5, groups: 2, applications: 5, secrets: 2, certificates: 1, members: 5, consents: 4 });
    assert.deepEqual(first.warnings, []);
    const counts = await rowCounts(storage.db);
    const second = await applyEnvironmentFile(directory, join(dir, 'environment.yaml'));
    assert.ok(Object.values(second.created).every((n) => n === 0));
    assert.deepEqual(await rowCounts(storage.db), counts);
    const fabrikam = first.tenants.find((t) => t.domain === 'fabrikam.onmicrosoft.com');
    const cli = first.applications.find((a) => a.displayName === 'Orders CLI');
    assert.ok(fabrikam && cli);
    assert.ok(await directory.getServicePrincipalByAppId(fabrikam.id, cli.appId), 'consent provisioned the multi-tenant app');
  });
});
