/**
 * Application credentials: client secrets (addPassword), certificates (addKey) and federated
 * identity credentials (graph.md §2.5, protocol.md §15.2), and the hot-path read of them for
 * client authentication.
 */
import { isGuid, newGuid } from '../lib/ids.js';
import type { Queries } from '../storage/queries/index.js';
import type { ClientCredentials, NewFederatedIdentityCredential, NewKeyCredential, NewPasswordCredential } from './directory.js';
import type { DirectoryContext } from './context.js';
import { generateSecret, hashSecret, hashSuppliedSecret, parseCertificate, secretHint } from './credentials.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { Application, FederatedIdentityCredential, KeyCredential, PasswordCredential } from './types.js';

const DEFAULT_FIC_AUDIENCE = 'api://AzureADTokenExchange';

function keyIdOf(value: string | undefined): string {
  if (value === undefined) return newGuid();
  if (!isGuid(value)) throw new ValidationError('InvalidId', `keyId '${value}' is not a GUID`);
  return value.toLowerCase();
}

function isoOf(value: string, property: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ValidationError('InvalidDateTime', `${property} '${value}' is not a date`);
  return date.toISOString();
}

/** start + 2 years (graph.md §2.5 addPassword default). */
function twoYearsAfter(start: string): string {
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + 2);
  return end.toISOString();
}

async function requireApplication(q: Queries, objectId: string): Promise<Application> {
  const application = isGuid(objectId) ? await q.applications.findById(objectId.toLowerCase()) : undefined;
  if (application === undefined) throw new NotFoundError('ApplicationNotFound', `Application '${objectId}' not found`);
  return application;
}

/** Directory methods for application credentials. */
export function credentialOperations(ctx: DirectoryContext) {
  async function addPassword(objectId: string, input: NewPasswordCredential): Promise<{ credential: PasswordCredential; secretText: string }> {
    const secretText = input.secretText ?? generateSecret();
    if (secretText.length === 0) throw new ValidationError('InvalidSecret', 'secretText must not be empty');
    const start = input.startDateTime === undefined ? ctx.now().toISOString() : isoOf(input.startDateTime, 'startDateTime');
    const end = input.endDateTime === undefined ? twoYearsAfter(start) : isoOf(input.endDateTime, 'endDateTime');
    if (end <= start) throw new ValidationError('InvalidDateTime', 'endDateTime must be after startDateTime');
    const keyId = keyIdOf(input.keyId);
    // Before the transaction: scrypt of a supplied value takes tens of milliseconds.
    const secretHash = input.secretText === undefined ? hashSecret(secretText) : await hashSuppliedSecret(secretText);
    const credential = await ctx.write(
      async (q) => {
        const application = await requireApplication(q, objectId);
        return q.applications.credentials.insertPassword({
          key_id: keyId,
          application_id: application.id,
          display_name: input.displayName ?? null,
          hint: secretHint(secretText),
          // design.md Data: only the hash is stored; the secret is returned once.
          secret_hash: secretHash,
          start_date_time: start,
          end_date_time: end,
        });
      },
      { conflict: () => new ConflictError('KeyIdConflict', `A credential with keyId '${keyId}' already exists`) },
    );
    return { credential, secretText };
  }

  async function addKey(objectId: string, input: NewKeyCredential): Promise<KeyCredential> {
    const certificate = parseCertificate(input.certificate);
    const keyId = keyIdOf(input.keyId);
    return ctx.write(
      async (q) => {
        const application = await requireApplication(q, objectId);
        return q.applications.credentials.insertKey({
          key_id: keyId,
          application_id: application.id,
          display_name: input.displayName ?? null,
          type: 'AsymmetricX509Cert',
          usage: input.usage ?? 'Verify',
          key: certificate.key,
          thumbprint_sha1: certificate.thumbprintSha1,
          thumbprint_sha256: certificate.thumbprintSha256,
          custom_key_identifier: certificate.customKeyIdentifier,
          start_date_time: certificate.startDateTime,
          end_date_time: certificate.endDateTime,
        });
      },
      { conflict: () => new ConflictError('KeyIdConflict', `A credential with keyId '${keyId}' already exists`) },
    );
  }

  async function addFederatedIdentityCredential(objectId: string, input: NewFederatedIdentityCredential): Promise<FederatedIdentityCredential> {
    // graph.md §2.5: name ≤ 120 URL-safe characters; issuer and subject required.
    if (!/^[A-Za-z0-9._~-]{1,120}$/.test(input.name)) {
      throw new ValidationError('InvalidName', 'name must be 1–120 characters of letters, digits, and . _ ~ -');
    }
    if (input.issuer.trim() === '' || input.subject.trim() === '') {
      throw new ValidationError('InvalidFederatedIdentityCredential', 'issuer and subject are required');
    }
    const id = keyIdOf(input.id);
    return ctx.write(
      async (q) => {
        const application = await requireApplication(q, objectId);
        return q.applications.credentials.insertFederated({
          id,
          application_id: application.id,
          name: input.name,
          issuer: input.issuer,
          subject: input.subject,
          audiences: JSON.stringify(input.audiences ?? [DEFAULT_FIC_AUDIENCE]),
          description: input.description ?? null,
        });
      },
      {
        conflict: () =>
          new ConflictError('FederatedIdentityCredentialConflict', 'A federated identity credential with this name, or this issuer and subject, already exists'),
      },
    );
  }

  async function getClientCredentials(appId: string): Promise<ClientCredentials | undefined> {
    if (!isGuid(appId)) return undefined;
    return ctx.read(async (q) => {
      const application = await q.applications.findByAppId(appId.toLowerCase());
      if (application === undefined) return undefined;
      const secrets = await q.applications.credentials.secretDigests(application.id);
      return { application, secrets, certificates: application.keyCredentials };
    });
  }

  return { addPassword, addKey, addFederatedIdentityCredential, getClientCredentials };
}
