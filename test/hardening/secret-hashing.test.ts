/**
 * Client secrets at rest (issue 6, item 2): a value from an environment file is stored as a
 * salted scrypt hash, not a fast digest, and still authenticates at /token (post and Basic);
 * a wrong one gets AADSTS7000215; a generated secret keeps its SHA-256 digest and works too,
 * also on an app that has both kinds. The SQLite database is read directly, as an attacker with
 * a copy of it would.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { bootTessera, postForm } from '../helpers/tessera.js';

const SUPPLIED = 'orders-daemon-secret-0001';
const GRAPH = 'https://graph.microsoft.com/.default';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let dir: string;
let file: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-secret-hashing-'));
  file = join(dir, 'tessera.db');
  tessera = await bootTessera({
    database: `sqlite:${file}`,
    environment: {
      tenants: [
        {
          domain: 'hashing',
          applications: [
            { displayName: 'Supplied', secrets: [{ value: SUPPLIED }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } },
            { displayName: 'Generated', secrets: [{ displayName: 'ci' }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } },
            { displayName: 'Both', secrets: [{ value: SUPPLIED }, { displayName: 'ci' }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } },
          ],
          consent: [{ application: 'Supplied' }, { application: 'Generated' }, { application: 'Both' }],
        },
      ],
    },
  });
});
after(async () => {
  await tessera.close();
  await rm(dir, { recursive: true, force: true });
});

function app(name: string): { appId: string; secrets: Array<{ value: string | null }> } {
  const found = tessera.applications.find((a) => a.displayName === name);
  assert.ok(found, name);
  return found;
}

function storedHashes(name: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('select p.secret_hash from password_credentials p join applications a on a.id = p.application_id where a.display_name = ? order by p.secret_hash')
      .all(name) as Array<{ secret_hash: string }>;
    return rows.map((r) => r.secret_hash);
  } finally {
    db.close();
  }
}

const token = (clientId: string, secret: string) =>
  postForm(`${tessera.authority()}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: GRAPH });

const basic = (clientId: string, secret: string) =>
  postForm(`${tessera.authority()}/oauth2/v2.0/token`, { grant_type: 'client_credentials', scope: GRAPH }, {
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
  });

describe('client secrets at rest', () => {
  it('stores a supplied value as salted scrypt, never as its SHA-256 digest', () => {
    const [hash] = storedHashes('Supplied');
    assert.match(hash ?? '', /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const sha = createHash('sha256').update(SUPPLIED).digest('base64url');
    const both = storedHashes('Both');
    assert.ok(![hash, ...both].includes(sha), 'fast digest of the supplied value is not stored');
    // Fresh salt: the same value on two apps is stored differently.
    const scryptOfBoth = both.find((h) => h.startsWith('$scrypt$'));
    assert.ok(scryptOfBoth);
    assert.notEqual(scryptOfBoth, hash);
  });

  it('stores a generated secret as its base64url SHA-256 digest', () => {
    const secret = app('Generated').secrets[0]?.value ?? '';
    assert.match(secret, /^[A-Za-z0-9~._-]{40}$/);
    assert.deepEqual(storedHashes('Generated'), [createHash('sha256').update(secret).digest('base64url')]);
  });

  it('a supplied secret authenticates (post and Basic), again and again', async () => {
    const { appId } = app('Supplied');
    for (const send of [token, basic, token]) {
      const response = await send(appId, SUPPLIED);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.token_type, 'Bearer');
    }
  });

  it('a wrong secret gets invalid_client AADSTS7000215, also right after a success', async () => {
    const { appId } = app('Supplied');
    for (const wrong of [`${SUPPLIED}x`, SUPPLIED.slice(0, -1), SUPPLIED.toUpperCase()]) {
      const response = await token(appId, wrong);
      assert.equal(response.status, 401, wrong);
      assert.equal(response.body.error, 'invalid_client');
      assert.deepEqual(response.body.error_codes, [7000215]);
    }
    assert.equal((await token(appId, SUPPLIED)).status, 200);
  });

  it('generated secrets still work, also next to a supplied one on the same app', async () => {
    const generated = app('Generated');
    assert.equal((await token(generated.appId, generated.secrets[0]?.value ?? '')).status, 200);
    const both = app('Both');
    const generatedOfBoth = both.secrets.find((s) => s.value !== SUPPLIED)?.value ?? '';
    for (const secret of [SUPPLIED, generatedOfBoth]) {
      const response = await token(both.appId, secret);
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    // The other app's secret is not this app's.
    assert.deepEqual((await token(generated.appId, SUPPLIED)).body.error_codes, [7000215]);
    assert.deepEqual((await token(both.appId, generated.secrets[0]?.value ?? '')).body.error_codes, [7000215]);
  });
});
