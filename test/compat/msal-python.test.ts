/**
 * MSAL for Python (Debian `python3-msal`, run with /usr/bin/python3), unmodified, against the real
 * server: the client in another language of spec/clients.md. Client credentials with a secret and
 * with a certificate, whose assertion carries `x5t` as base64url *with* `=` padding.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A, type Certificates } from '../protocol/client-credentials/client-credentials.config.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./python/msal_client.py', import.meta.url));

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let certs: Certificates;

before(async () => {
  certs = await createCertificates();
  tessera = await bootTessera({ environment: environment(certs) });
});
after(() => tessera.close());

interface PythonResult {
  access_token?: string | null;
  token_type?: string | null;
  error?: string | null;
  error_description?: string | null;
  error_codes?: number[] | null;
}

function runMsalPython<T = PythonResult>(request: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', REQUESTS_CA_BUNDLE: process.env.NODE_EXTRA_CA_CERTS ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`python exited ${code}: ${stderr}`));
      resolve(JSON.parse(stdout) as T);
    });
    child.stdin.end(JSON.stringify(request));
  });
}

describe('MSAL for Python acquire_token_for_client', { skip: existsSync(PYTHON) ? false : 'no /usr/bin/python3' }, () => {
  it('with a client secret', async () => {
    const result = await runMsalPython({ client_id: DAEMON, authority: `${tessera.url}/${TENANT_A}`, credential: { secret: DAEMON_SECRET }, scopes: ['https://graph.microsoft.com/.default'] });
    assert.equal(result.error ?? null, null, result.error_description ?? '');
    assert.equal(result.token_type, 'Bearer');
    const claims = decodeJwt(result.access_token as string);
    assert.equal(claims.appid, DAEMON);
    assert.equal(claims.appidacr, '1');
  });

  it('with a certificate (x5t base64url with padding)', async () => {
    const result = await runMsalPython({
      client_id: DAEMON,
      authority: `${tessera.url}/${TENANT_A}`,
      credential: { certificate: { private_key: certs.current.privateKeyPem, thumbprint: certs.current.sha1Hex } },
      scopes: ['https://graph.microsoft.com/.default'],
    });
    assert.equal(result.error ?? null, null, result.error_description ?? '');
    const claims = decodeJwt(result.access_token as string);
    assert.equal(claims.appid, DAEMON);
    assert.equal(claims.appidacr, '2');
    assert.equal(claims.tid, TENANT_A);
  });

  it('with an unregistered certificate: AADSTS700027', async () => {
    const result = await runMsalPython({
      client_id: DAEMON,
      authority: `${tessera.url}/${TENANT_A}`,
      credential: { certificate: { private_key: certs.current.privateKeyPem, thumbprint: '0'.repeat(40) } },
      scopes: ['https://graph.microsoft.com/.default'],
    });
    assert.equal(result.error, 'invalid_client');
    assert.deepEqual(result.error_codes, [700027]);
  });
});

describe('MSAL for Python home-realm discovery', { skip: existsSync(PYTHON) ? false : 'no /usr/bin/python3' }, () => {
  const realm = (username: string) =>
    runMsalPython<Record<string, unknown>>({ mode: 'userrealm', client_id: DAEMON, authority: `${tessera.url}/${TENANT_A}`, netloc: new URL(tessera.url).host, username });

  it('reads Managed for a verified domain (so it goes on with a plain password grant), Unknown otherwise', async () => {
    const managed = await realm('ada@contoso.onmicrosoft.com');
    assert.equal(managed.account_type, 'Managed');
    assert.equal(managed.domain_name, 'contoso.onmicrosoft.com');
    assert.equal(managed.cloud_audience_urn, 'urn:federation:MicrosoftOnline');
    assert.equal((await realm('someone@nowhere.example')).account_type, 'Unknown');
  });
});
