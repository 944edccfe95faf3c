/**
 * Client secrets, certificates and federated identity credentials of applications
 * (protocol.md §15.2, graph.md §2.5). Secrets are stored as digests only (design.md Data).
 */
import type { Kysely } from 'kysely';
import type { FederatedIdentityCredential, KeyCredential, PasswordCredential } from '../../model/directory-objects.js';
import type { Database, Row } from '../schema.js';
import { parseJson } from './listing.js';

/** One application's credentials in Graph's shapes. */
export interface ApplicationCredentials {
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  federatedIdentityCredentials: FederatedIdentityCredential[];
}

/** A secret digest with its validity, for client authentication. */
export interface SecretDigest {
  keyId: string;
  secretHash: string;
  startDateTime: string;
  endDateTime: string;
}

function toPassword(row: Row<'password_credentials'>): PasswordCredential {
  return {
    keyId: row.key_id,
    displayName: row.display_name,
    hint: row.hint,
    startDateTime: row.start_date_time,
    endDateTime: row.end_date_time,
    customKeyIdentifier: null,
  };
}

/** Map a key_credentials row to Graph's keyCredential. */
export function toKeyCredential(row: Row<'key_credentials'>): KeyCredential {
  return {
    keyId: row.key_id,
    displayName: row.display_name,
    type: row.type,
    usage: row.usage,
    key: row.key,
    customKeyIdentifier: row.custom_key_identifier,
    thumbprintSha1: row.thumbprint_sha1,
    thumbprintSha256: row.thumbprint_sha256,
    startDateTime: row.start_date_time,
    endDateTime: row.end_date_time,
  };
}

function toFederated(row: Row<'federated_identity_credentials'>): FederatedIdentityCredential {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    subject: row.subject,
    audiences: parseJson<string[]>(row.audiences, []),
    description: row.description,
  };
}

/** SQL for the credential tables. */
export function createApplicationCredentialQueries(db: Kysely<Database>) {
  return {
    async insertPassword(row: Row<'password_credentials'>): Promise<PasswordCredential> {
      await db.insertInto('password_credentials').values(row).execute();
      return toPassword(row);
    },

    async insertKey(row: Row<'key_credentials'>): Promise<KeyCredential> {
      await db.insertInto('key_credentials').values(row).execute();
      return toKeyCredential(row);
    },

    async insertFederated(row: Row<'federated_identity_credentials'>): Promise<FederatedIdentityCredential> {
      await db.insertInto('federated_identity_credentials').values(row).execute();
      return toFederated(row);
    },

    /** Secret digests of one application, for client authentication. */
    async secretDigests(applicationId: string): Promise<SecretDigest[]> {
      const rows = await db.selectFrom('password_credentials').selectAll().where('application_id', '=', applicationId).orderBy('start_date_time').execute();
      return rows.map((r) => ({ keyId: r.key_id, secretHash: r.secret_hash, startDateTime: r.start_date_time, endDateTime: r.end_date_time }));
    },

    /** Credentials of several applications, keyed by application object id. */
    async listFor(applicationIds: string[]): Promise<Map<string, ApplicationCredentials>> {
      const result = new Map<string, ApplicationCredentials>();
      if (applicationIds.length === 0) return result;
      const entry = (id: string): ApplicationCredentials => {
        let value = result.get(id);
        if (value === undefined) {
          value = { passwordCredentials: [], keyCredentials: [], federatedIdentityCredentials: [] };
          result.set(id, value);
        }
        return value;
      };
      const [passwords, keys, federated] = await Promise.all([
        db.selectFrom('password_credentials').selectAll().where('application_id', 'in', applicationIds).orderBy('start_date_time').orderBy('key_id').execute(),
        db.selectFrom('key_credentials').selectAll().where('application_id', 'in', applicationIds).orderBy('start_date_time').orderBy('key_id').execute(),
        db.selectFrom('federated_identity_credentials').selectAll().where('application_id', 'in', applicationIds).orderBy('name').execute(),
      ]);
      for (const row of passwords) entry(row.application_id).passwordCredentials.push(toPassword(row));
      for (const row of keys) entry(row.application_id).keyCredentials.push(toKeyCredential(row));
      for (const row of federated) entry(row.application_id).federatedIdentityCredentials.push(toFederated(row));
      return result;
    },
  };
}
