import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientInfoRequested, encodeClientInfo } from '../../../src/tokens/client-info.js';

describe('client_info (tokens.md §10.4, protocol.md §12.3)', () => {
  it('is unpadded base64url of {"uid","utid"} in that order', () => {
    const value = encodeClientInfo({ homeObjectId: '68389ae2-62fa-4b18-91fe-53dd109d74f5', homeTenantId: '7fe81447-da57-4385-becb-6de57f21477e' });
    assert.match(value, /^[A-Za-z0-9_-]+$/);
    assert.equal(
      Buffer.from(value, 'base64url').toString('utf8'),
      '{"uid":"68389ae2-62fa-4b18-91fe-53dd109d74f5","utid":"7fe81447-da57-4385-becb-6de57f21477e"}',
    );
  });

  it('lets MSAL build homeAccountId = uid.utid; personal accounts have the consumers tenant as utid', () => {
    const value = encodeClientInfo({ homeObjectId: '00000000-0000-0000-66F3-3332ECA7EA81', homeTenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' });
    const { uid, utid } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { uid: string; utid: string };
    assert.equal(`${uid}.${utid}`, '00000000-0000-0000-66f3-3332eca7ea81.9188040d-6c67-4c5b-b112-36a304b66dad');
  });

  it('is asked for with client_info=1 only', () => {
    assert.equal(clientInfoRequested('1'), true);
    for (const value of [undefined, '', '0', 'true', '1 ']) assert.equal(clientInfoRequested(value), false, String(value));
  });
});
