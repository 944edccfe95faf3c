/**
 * An unexpected failure inside the token endpoint (protocol.md §4, §12.1; spec/clients.md items
 * 18–19): 500 in Entra's error shape, never cached, with a short `Retry-After` (msal-node blocks
 * identical requests for 60 s without one), and nothing of the internal error on the wire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A } from '../client-credentials/client-credentials.config.js';

let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()) });
});
after(() => tessera.close());

describe('token endpoint server errors', () => {
  it('answers 500 server_error in the Entra shape with Retry-After and no internal detail', async () => {
    const keys = tessera.keys as { signJwt: unknown };
    const signJwt = keys.signJwt;
    keys.signJwt = async () => {
      throw new Error('signing key /var/lib/tessera/secret.pem unreadable');
    };
    try {
      const id = '0b6d0a8e-3f6c-4b0e-9b8e-1c2d3e4f5a6b';
      const { status, headers, body } = await postForm(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: DAEMON,
        client_secret: DAEMON_SECRET,
        scope: 'https://graph.microsoft.com/.default',
      }, { 'client-request-id': id });
      assert.equal(status, 500);
      assert.equal(body.error, 'server_error');
      assert.deepEqual(body.error_codes, [90000]);
      assert.match(body.error_description as string, /^AADSTS90000: .+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: 0b6d0a8e-3f6c-4b0e-9b8e-1c2d3e4f5a6b\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      assert.match(body.timestamp as string, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      assert.equal(body.correlation_id, id);
      assert.equal(body.error_uri, `${tessera.url}/error?code=90000`);
      assert.equal(headers.get('cache-control'), 'no-store, no-cache');
      assert.equal(headers.get('pragma'), 'no-cache');
      assert.match(headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.doesNotMatch(JSON.stringify(body), /secret\.pem|at .*\.ts/);
    } finally {
      keys.signJwt = signJwt;
    }
  });
});
