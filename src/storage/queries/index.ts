/**
 * All query modules bound to one Kysely instance, which may be a transaction: domain code runs
 * a multi-row change as `db.transaction().execute((trx) => work(createQueries(trx)))`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { createApplicationQueries } from './applications.js';
import { createConsentQueries } from './consent.js';
import { createDirectoryObjectQueries } from './directory-objects.js';
import { createGroupQueries } from './groups.js';
import { createServicePrincipalQueries } from './service-principals.js';
import { createSettingsQueries } from './settings.js';
import { createTenantQueries } from './tenants.js';
import { createUserQueries } from './users.js';

/** Every aggregate's queries over `db`. */
export function createQueries(db: Kysely<Database>) {
  return {
    tenants: createTenantQueries(db),
    users: createUserQueries(db),
    groups: createGroupQueries(db),
    applications: createApplicationQueries(db),
    servicePrincipals: createServicePrincipalQueries(db),
    consent: createConsentQueries(db),
    directoryObjects: createDirectoryObjectQueries(db),
    settings: createSettingsQueries(db),
  };
}

export type Queries = ReturnType<typeof createQueries>;

export type { ApplicationDefinition } from './applications.js';
export type { SecretDigest } from './application-credentials.js';
export type { ServicePrincipalRecord } from './service-principals.js';
export type { DirectoryObjectKind } from './directory-objects.js';
export type { MemberType } from './groups.js';
export { GROUP_FILTER_PROPERTIES } from './groups.js';
export { USER_FILTER_PROPERTIES } from './users.js';
export { decodeCursor, encodeCursor, escapeLike } from './listing.js';
