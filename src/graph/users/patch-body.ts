/**
 * The JSON body of `PATCH /users/{id}` and `PATCH /me` (graph.md §2.1): an object of user
 * properties. Each property is checked against its type and Graph's limits; unknown properties,
 * read-only ones and the writable ones Tessera does not store are refused, so a 204 always
 * means every property sent was applied. `@odata.type` (kiota SDKs send it) must name a user.
 */
import type { UserPatch } from '../../directory/directory.js';
import { graphErrors } from '../errors.js';
import { userSchema } from './schema.js';

type Writer = (patch: UserPatch, value: unknown, name: string) => void;

const RESOURCE = 'User';
const invalid = (name: string) => graphErrors.invalidPropertyValue(name, RESOURCE);
const literal = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A string of at most `max` characters (Graph's CSDL/directory limits), `null` when `nullable`. */
function text(max: number, nullable: boolean, pattern?: RegExp) {
  return (value: unknown, name: string): string | null => {
    if (value === null) {
      if (nullable) return null;
      throw invalid(name);
    }
    if (typeof value !== 'string') throw graphErrors.wrongValueType(literal(value), 'Edm.String');
    if (value.length > max || (!nullable && value.trim() === '') || (pattern !== undefined && value !== '' && !pattern.test(value))) throw invalid(name);
    return value === '' && nullable ? null : value;
  };
}

const string = (key: keyof UserPatch, max: number, nullable = true, pattern?: RegExp): Writer => {
  const read = text(max, nullable, pattern);
  return (patch, value, name) => {
    (patch as Record<string, unknown>)[key] = read(value, name);
  };
};

// Limits: the Graph user resource's documented maximum lengths.
const WRITABLE: Readonly<Record<string, Writer>> = {
  displayName: string('displayName', 256, false),
  givenName: string('givenName', 64),
  surname: string('surname', 64),
  jobTitle: string('jobTitle', 128),
  mobilePhone: string('mobilePhone', 64),
  officeLocation: string('officeLocation', 128),
  // ISO 639-1 language, optionally with a region: `en-US`.
  preferredLanguage: string('preferredLanguage', 16, true, /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/),
  mail: string('mail', 256, true, /^[^@\s]+@[^@\s]+$/),
  mailNickname: string('mailNickname', 64, false, /^[^\s@"\\()<>,;:[\]]+$/),
  userPrincipalName: string('userPrincipalName', 113, false),
  userType: (patch, value, name) => {
    if (value !== 'Member' && value !== 'Guest') throw typeof value === 'string' || value === null ? invalid(name) : graphErrors.wrongValueType(literal(value), 'Edm.String');
    patch.userType = value;
  },
  accountEnabled: (patch, value, name) => {
    if (value === null) throw invalid(name);
    if (typeof value !== 'boolean') throw graphErrors.wrongValueType(literal(value), 'Edm.Boolean');
    patch.accountEnabled = value;
  },
  businessPhones: (patch, value, name) => {
    if (!Array.isArray(value)) throw graphErrors.wrongValueType(literal(value), 'Collection(Edm.String)');
    const read = text(64, false);
    const phones = value.map((phone) => read(phone, name) as string);
    // Graph: "Only one number can be set for this property."
    if (phones.length > 1) throw invalid(name);
    patch.businessPhones = phones;
  },
};

// graph.md §2.1: the key, timestamps, sync and licence state are the directory's own.
const READ_ONLY: ReadonlySet<string> = new Set([
  'id', 'createdDateTime', 'deletedDateTime', 'securityIdentifier', 'creationType', 'externalUserState',
  'externalUserStateChangeDateTime', 'lastPasswordChangeDateTime', 'signInActivity', 'signInSessionsValidFromDateTime',
  'assignedLicenses', 'assignedPlans', 'provisionedPlans', 'licenseAssignmentStates', 'proxyAddresses', 'imAddresses',
  'onPremisesDistinguishedName', 'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors',
  'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName',
  'serviceProvisioningErrors', 'isManagementRestricted',
]);

const USER_TYPE = '#microsoft.graph.user';

export interface ParsedUserPatch {
  patch: UserPatch;
  /** The property names set, for the permission check. */
  properties: string[];
}

/** The patch in `body` (already JSON-parsed by Fastify), or the 400 Graph answers. */
export function parseUserPatch(body: unknown): ParsedUserPatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) throw graphErrors.unreadableJson();
  const patch: UserPatch = {};
  const properties: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.includes('@')) {
      // Instance annotations are not data; a type other than user is a malformed body.
      if (name === '@odata.type' && (typeof value !== 'string' || value.toLowerCase() !== USER_TYPE.toLowerCase())) throw graphErrors.badRequest(`Type '${literal(value)}' is not a user type.`);
      continue;
    }
    const write = WRITABLE[name];
    if (write !== undefined) {
      write(patch, value, name);
      properties.push(name);
    } else if (READ_ONLY.has(name)) {
      throw graphErrors.readOnlyProperty(name);
    } else if (userSchema.canonical(name) === name) {
      throw graphErrors.propertyNotStored(name);
    } else {
      throw graphErrors.invalidProperty(name);
    }
  }
  return { patch, properties };
}
