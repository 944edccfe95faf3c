/**
 * TOTP secrets at rest (issue 6, item 2): with TESSERA_MASTER_KEY, `tessera apply` stores a
 * user's TOTP secret sealed (enc:v1, AES-256-GCM bound to the user id), and the directory opens
 * it back with the same key only; without a master key it is stored as given, and a later
 * start with a master key seals what was stored in clear.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createDirectory } from '../../src/directory/index.js';
import { openStorage } from '../../src/storage/index.js';
import { runCli, startCli } from '../helpers/cli-run.js';

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ';
const MASTER_KEY = 'totp-sealing-test-master-key';
const BOB = '0b0b0b0b-0000-4000-8000-000000000001';
const CAROL = '0b0b0b0b-0000-4000-8000-000000000002';

const ENVIRONMENT = `
tenants:
  - domain: sealing
    users:
      - { id: ${BOB}, userPrincipalName: bob, password: Bob-Pass-1!, mfa: { required: true, totpSecret: ${TOTP} } }
      - { id: ${CAROL}, userPrincipalName: carol, password: Carol-Pass-1!, mfa: { totpSecret: ${TOTP.toLowerCase()} } }
`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-totp-'));
  await writeFile(join(dir, 'env.yaml'), ENVIRONMENT);
});
after(() => rm(dir, { recursive: true, force: true }));

function storedTotp(file: string): Map<string, string | null> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select id, mfa_totp_secret from users where id in (?, ?)').all(BOB, CAROL) as Array<{ id: string; mfa_totp_secret: string | null }>;
    return new Map(rows.map((r) => [r.id, r.mfa_totp_secret]));
  } finally {
    db.close();
  }
}

async function withDirectory<T>(file: string, masterKey: string | null, work: (d: ReturnType<typeof createDirectory>) => Promise<T>): Promise<T> {
  const storage = await openStorage(`sqlite:${file}`);
  try {
    return await work(createDirectory(storage, { masterKey }));
  } finally {
    await storage.close();
  }
}

describe('TOTP secrets at rest', () => {
  it('are sealed with TESSERA_MASTER_KEY, bound to the user, and open back with it only', async () => {
    const file = join(dir, 'sealed.db');
    const applied = await runCli(['apply', join(dir, 'env.yaml'), '--database', `sqlite:${file}`], { TESSERA_MASTER_KEY: MASTER_KEY });
    assert.equal(applied.code, 0, applied.stderr);
    const stored = storedTotp(file);
    for (const id of [BOB, CAROL]) {
      const value = stored.get(id) ?? '';
      assert.match(value, /^enc:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/, id);
      assert.ok(!value.toUpperCase().includes(TOTP), 'not in clear');
    }
    assert.notEqual(stored.get(BOB), stored.get(CAROL), 'a fresh IV per value');

    await withDirectory(file, MASTER_KEY, async (d) => {
      assert.equal(await d.getTotpSecret(BOB), TOTP);
      assert.equal(await d.getTotpSecret(CAROL), TOTP, 'upper-cased base32, as planned');
      assert.equal(await d.getTotpSecret('0b0b0b0b-0000-4000-8000-00000000ffff'), null);
    });
    await withDirectory(file, 'another-key', (d) => assert.rejects(d.getTotpSecret(BOB), { name: 'MasterKeyError', code: 'MASTER_KEY_MISMATCH' }));
    await withDirectory(file, null, (d) => assert.rejects(d.getTotpSecret(BOB), { name: 'MasterKeyError', code: 'MASTER_KEY_REQUIRED' }));

    // A sealed value moved onto another user's row does not open (AAD = the user id).
    const db = new BetterSqlite3(file);
    db.prepare('update users set mfa_totp_secret = ? where id = ?').run(stored.get(BOB), CAROL);
    db.close();
    await withDirectory(file, MASTER_KEY, (d) => assert.rejects(d.getTotpSecret(CAROL), { code: 'MASTER_KEY_MISMATCH' }));
  });

  it('are stored as given without a master key, and read back as they are', async () => {
    const file = join(dir, 'plain.db');
    const applied = await runCli(['apply', join(dir, 'env.yaml'), '--database', `sqlite:${file}`]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(storedTotp(file).get(BOB), TOTP);
    await withDirectory(file, null, async (d) => assert.equal(await d.getTotpSecret(BOB), TOTP));
    // Adding a master key later keeps plain values readable...
    await withDirectory(file, MASTER_KEY, async (d) => assert.equal(await d.getTotpSecret(BOB), TOTP));
    // ...and the next `tessera start` with it seals them.
    const server = startCli(['--port', '0', '--data-dir', join(dir, 'data'), '--database', `sqlite:${file}`, '--no-demo', '--log-level', 'warn'], { TESSERA_MASTER_KEY: MASTER_KEY });
    try {
      await server.waitFor(/Tessera is listening on/);
    } finally {
      assert.equal(await server.stop('SIGTERM'), 0);
    }
    for (const value of storedTotp(file).values()) assert.match(value ?? '', /^enc:v1:/);
    await withDirectory(file, MASTER_KEY, async (d) => {
      assert.equal(await d.getTotpSecret(BOB), TOTP);
      assert.equal(await d.getTotpSecret(CAROL), TOTP);
    });
  });
});
