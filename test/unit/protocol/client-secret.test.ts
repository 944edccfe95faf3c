import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientCredentials } from '../../../src/directory/directory.js';
import { hashSecret, hashSuppliedSecret } from '../../../src/directory/credentials.js';
import type { Application } from '../../../src/directory/types.js';
import { verifyClientSecret } from '../../../src/protocol/client-auth/client-secret.js';
import { OAuthError } from '../../../src/protocol/errors.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const now = new Date('2026-06-01T00:00:00Z');

function credentials(...secrets: Array<{ value: string; start: string; end: string }>): ClientCredentials {
  return {
    application: { appId: APP_ID, displayName: 'Daemon' } as Application,
    secrets: secrets.map((s, i) => ({ keyId: `k${i}`, secretHash: hashSecret(s.value), startDateTime: s.start, endDateTime: s.end })),
    certificates: [],
  };
}

async function failure(fn: () => Promise<void>): Promise<OAuthError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  assert.fail('expected an OAuthError');
}

describe('client secret verification (protocol.md §4.1)', () => {
  const current = { value: 'current-secret', start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' };
  const expired = { value: 'expired-secret', start: '2024-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };
  const future = { value: 'future-secret', start: '2026-07-01T00:00:00Z', end: '2027-07-01T00:00:00Z' };
  const creds = credentials(expired, current, future);

  it('accepts any currently valid secret of the app', async () => {
    await assert.doesNotReject(verifyClientSecret(creds, 'current-secret', now));
  });

  it('refuses a wrong secret with invalid_client AADSTS7000215 naming the app', async () => {
    const error = await failure(() => verifyClientSecret(creds, 'current-secreT', now));
    assert.equal(error.aadsts, 7000215);
    assert.equal(error.status, 401);
    assert.equal(error.error, 'invalid_client');
    assert.match(error.message, new RegExp(`app '${APP_ID}'`));
    assert.equal((await failure(() => verifyClientSecret(credentials(), 'anything', now))).aadsts, 7000215);
  });

  it('refuses an expired secret with AADSTS7000222', async () => {
    assert.equal((await failure(() => verifyClientSecret(creds, 'expired-secret', now))).aadsts, 7000222);
  });

  it('refuses a secret before its start date', async () => {
    assert.equal((await failure(() => verifyClientSecret(creds, 'future-secret', now))).aadsts, 7000215);
  });

  it('checks scrypt rows (supplied values) and digests side by side', async () => {
    const supplied = { keyId: 'supplied', secretHash: await hashSuppliedSecret('supplied-value'), startDateTime: current.start, endDateTime: current.end };
    const mixed: ClientCredentials = { ...creds, secrets: [...creds.secrets, supplied] };
    await assert.doesNotReject(verifyClientSecret(mixed, 'supplied-value', now));
    await assert.doesNotReject(verifyClientSecret(mixed, 'current-secret', now));
    assert.equal((await failure(() => verifyClientSecret(mixed, 'supplied-valuE', now))).aadsts, 7000215);
    // Remembered for its own row only: the same value is no secret of another app.
    assert.equal((await failure(() => verifyClientSecret(creds, 'supplied-value', now))).aadsts, 7000215);
  });
});
