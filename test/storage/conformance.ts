/**
 * The storage conformance suite: one set of behaviours, run unchanged against every dialect
 * (shared/style.md convention 15). Each dialect's test file passes a factory that opens a
 * Storage on the same database every time it is called.
 */
import { after, before, describe } from 'node:test';
import type { OpenStorageOptions, Storage } from '../../src/storage/index.js';
import { applicationCases } from './conformance/applications.js';
import { consentCases } from './conformance/consent.js';
import { listingCases } from './conformance/listing.js';
import { protocolStateSessionCases } from './conformance/protocol-state-sessions.js';
import { protocolStateTokenCases } from './conformance/protocol-state-tokens.js';
import { protocolStateRaceCases } from './conformance/protocol-state-races.js';
import { revocationCases } from './conformance/revocation.js';
import { schemaCases } from './conformance/schema.js';
import type { Suite } from './conformance/suite.js';
import { tenantCases } from './conformance/tenants.js';
import { transactionCases } from './conformance/transactions.js';
import { userAndGroupCases } from './conformance/users-groups.js';
import { userUpdateCases } from './conformance/users-update.js';

/**
 * Register the whole suite under `name` for storages made by `open`; `sharedDatabase: false`
 * when each open is a separate database (`:memory:`), which skips the cross-connection cases;
 * `url` (what `open` opens) enables the cases that race another process on the same database.
 */
export function storageConformance(
  name: string,
  open: (options?: OpenStorageOptions) => Promise<Storage>,
  { sharedDatabase = true, url }: { sharedDatabase?: boolean; url?: string } = {},
): void {
  describe(`storage conformance: ${name}`, () => {
    const opened: Storage[] = [];
    let storage: Storage | undefined;
    const suite: Suite = {
      sharedDatabase,
      ...(url !== undefined && { url }),
      open: async (options) => {
        const s = await open(options);
        opened.push(s);
        return s;
      },
      get storage() {
        if (storage === undefined) throw new Error('storage not opened yet');
        return storage;
      },
    };
    before(async () => {
      storage = await suite.open();
    });
    after(async () => {
      for (const s of opened) await s.close();
    });

    schemaCases(suite);
    tenantCases(suite);
    userAndGroupCases(suite);
    userUpdateCases(suite);
    applicationCases(suite);
    consentCases(suite);
    revocationCases(suite);
    listingCases(suite);
    transactionCases(suite);
    protocolStateTokenCases(suite);
    protocolStateSessionCases(suite);
    protocolStateRaceCases(suite);
  });
}
