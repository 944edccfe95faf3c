/**
 * Environment files for consent settings (issue 9 items 1, 3, 8), on every dialect available:
 * a tenant's `userConsent` (created with it, applied idempotently, changed when the file
 * changes), an API's `preAuthorizedApplications` (stored with scope ids, refused with a path
 * when a scope or client is unknown, nothing written).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Directory } from '../../src/directory/directory.js';
import { createDirectory } from '../../src/directory/index.js';
import { applyEnvironment } from '../../src/environment/apply.js';
import { EnvironmentError, formatIssue } from '../../src/environment/errors.js';
import type { EnvironmentInput } from '../../src/environment/schema.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { rowCounts } from '../helpers/env-counts.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

const TENANT = '7d000000-0000-4000-8000-00000000000d';
const API = '7d000000-0000-4000-8000-0000000000d1';
const CLIENT = '7d000000-0000-4000-8000-0000000000d2';
const SCOPE_ID = '7d000000-0000-4000-8000-0000000000d9';

function env(userConsent: 'allowed' | 'notAllowed' | 'lowRisk' | undefined, preAuthorizedScopes = ['access_as_user'], client = 'Client'): EnvironmentInput {
  return {
    tenants: [
      {
        id: TENANT,
        domain: 'settingsconsent',
        ...(userConsent ? { userConsent } : {}),
        applications: [
          { appId: API, displayName: 'API', identifierUris: ['api://settings-api'], scopes: [{ id: SCOPE_ID, value: 'access_as_user' }], preAuthorizedApplications: [{ application: client, scopes: preAuthorizedScopes }] },
          { appId: CLIENT, displayName: 'Client' },
        ],
      },
    ],
  };
}

async function refusal(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => assert.fail('expected an EnvironmentError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EnvironmentError, String(error));
  return error.issues.map(formatIssue);
}

const dialects: Array<[string, () => Promise<{ url: string; stop(): Promise<void> }>]> = [['sqlite', async () => ({ url: ':memory:', stop: async () => undefined })]];
if (process.env.TESSERA_TEST_DATABASE_URL) dialects.push(['postgres', (): Promise<TestPostgres> => startPostgres()]);

for (const [dialect, database] of dialects) {
  describe(`consent settings in environment files (${dialect})`, () => {
    let storage: Storage;
    let directory: Directory;
    let stopDatabase: () => Promise<void>;

    before(async () => {
      const db = await database();
      stopDatabase = () => db.stop();
      storage = await openStorage(db.url);
      directory = createDirectory(storage);
    });
    after(async () => {
      await storage.close();
      await stopDatabase();
    });

    it('refuses a pre-authorized scope the API does not expose, and an unknown client, with paths; nothing written', async () => {
      const before = await rowCounts(storage.db);
      assert.deepEqual(await refusal(applyEnvironment(directory, env('lowRisk', ['nope']))), ["tenants[0].applications[0].preAuthorizedApplications[0].scopes[0]: is not one of this application's scopes"]);
      const issues = await refusal(applyEnvironment(directory, env('lowRisk', ['access_as_user'], 'Nobody')));
      assert.equal(issues.length, 1);
      assert.match(issues[0] ?? '', /^tenants\[0\]\.applications\[0\]\.preAuthorizedApplications\[0\]\.application: unknown application/);
      assert.deepEqual(await refusal(applyEnvironment(directory, { tenants: [{ domain: 'x', userConsent: 'sometimes' as never }] })).then((i) => i.map((s) => s.split(':')[0])), ['tenants[0].userConsent']);
      assert.deepEqual(await rowCounts(storage.db), before);
    });

    it('creates the tenant with its userConsent and the API with its pre-authorized client; a second apply changes nothing', async () => {
      await applyEnvironment(directory, env('lowRisk'));
      assert.equal(await directory.getUserConsentPolicy(TENANT), 'lowRisk');
      const api = await directory.getApplicationByAppId(API);
      assert.deepEqual(api?.api.preAuthorizedApplications, [{ appId: CLIENT, delegatedPermissionIds: [SCOPE_ID] }]);
      const counts = await rowCounts(storage.db);
      const again = await applyEnvironment(directory, env('lowRisk'));
      assert.ok(Object.values(again.created).every((n) => n === 0));
      assert.deepEqual(await rowCounts(storage.db), counts);
      assert.deepEqual(again.warnings, []);
    });

    it('a changed userConsent is applied to the existing tenant; leaving it out keeps it', async () => {
      await applyEnvironment(directory, env('notAllowed'));
      assert.equal(await directory.getUserConsentPolicy(TENANT), 'notAllowed');
      await applyEnvironment(directory, env(undefined));
      assert.equal(await directory.getUserConsentPolicy(TENANT), 'notAllowed');
      await applyEnvironment(directory, env('allowed'));
      assert.equal(await directory.getUserConsentPolicy(TENANT), 'allowed');
    });

    it('Directory: unknown tenants and values are typed errors', async () => {
      await assert.rejects(directory.getUserConsentPolicy('7d000000-0000-4000-8000-000000000000'), { name: 'NotFoundError' });
      await assert.rejects(directory.setUserConsentPolicy('7d000000-0000-4000-8000-000000000000', 'allowed'), { name: 'NotFoundError' });
      await assert.rejects(directory.setUserConsentPolicy(TENANT, 'maybe' as never), { name: 'ValidationError' });
      assert.equal(await directory.getUserConsentPolicy(TENANT), 'allowed');
    });
  });
}
