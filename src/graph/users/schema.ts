/**
 * `microsoft.graph.user` (graph.md §2.1): every property a client may `$select` (CSDL names),
 * the 11 default properties of v1.0, the basic profile of User.ReadBasic.All and the `$filter`
 * whitelist of graph.md §1.6. Properties Tessera does not store are answered as Graph answers an
 * unset value: null, or `[]` for collections.
 */
import type { User } from '../../directory/types.js';
import { defineEntitySchema, graphDateTime } from '../odata/schema.js';

type Read = (user: User) => unknown;
const none: Read = () => null;
const empty: Read = () => [];

/** graph.md §2.1: exactly these, in the order of seed 001. */
export const USER_DEFAULT_PROPERTIES = [
  'id', 'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail',
  'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
] as const;

// ENTRA-COMPAT: graph.md §2.1/§5 leave the exact User.ReadBasic.All set open; the permission
// description names display name, given name, surname, email, photo and id. userPrincipalName
// is included because Graph returns it to basic readers in practice.
export const USER_BASIC_PROPERTIES: ReadonlySet<string> = new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'securityIdentifier']);

const stored: Record<string, Read> = {
  id: (u) => u.id,
  accountEnabled: (u) => u.accountEnabled,
  businessPhones: (u) => u.businessPhones,
  createdDateTime: (u) => graphDateTime(u.createdDateTime),
  displayName: (u) => u.displayName,
  givenName: (u) => u.givenName,
  jobTitle: (u) => u.jobTitle,
  mail: (u) => u.mail,
  mailNickname: (u) => u.mailNickname,
  mobilePhone: (u) => u.mobilePhone,
  officeLocation: (u) => u.officeLocation,
  preferredLanguage: (u) => u.preferredLanguage,
  surname: (u) => u.surname,
  userPrincipalName: (u) => u.userPrincipalName,
  userType: (u) => u.userType,
};

// v1.0 CSDL user properties Tessera does not store (graph.md §2.1 table).
const COLLECTIONS = [
  'assignedLicenses', 'assignedPlans', 'identities', 'imAddresses', 'interests', 'licenseAssignmentStates',
  'onPremisesProvisioningErrors', 'otherMails', 'pastProjects', 'provisionedPlans', 'proxyAddresses',
  'responsibilities', 'schools', 'serviceProvisioningErrors', 'skills',
];
const NULLABLE = [
  'aboutMe', 'ageGroup', 'authorizationInfo', 'birthday', 'city', 'companyName', 'consentProvidedForMinor', 'country',
  'creationType', 'customSecurityAttributes', 'deletedDateTime', 'department', 'employeeHireDate', 'employeeId',
  'employeeLeaveDateTime', 'employeeOrgData', 'employeeType', 'externalUserState', 'externalUserStateChangeDateTime',
  'faxNumber', 'hireDate', 'isManagementRestricted', 'isResourceAccount', 'lastPasswordChangeDateTime',
  'legalAgeGroupClassification', 'mailboxSettings', 'mySite', 'onPremisesDistinguishedName', 'onPremisesDomainName',
  'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'passwordPolicies',
  'passwordProfile', 'postalCode', 'preferredDataLocation', 'preferredName', 'securityIdentifier', 'showInAddressList',
  'signInActivity', 'signInSessionsValidFromDateTime', 'state', 'streetAddress', 'usageLocation',
];

export const userSchema = defineEntitySchema<User>({
  typeName: 'microsoft.graph.user',
  entitySet: 'users',
  resourceName: 'User',
  properties: {
    ...Object.fromEntries(COLLECTIONS.map((n) => [n, empty])),
    ...Object.fromEntries(NULLABLE.map((n) => [n, none])),
    ...stored,
  },
  defaultProperties: USER_DEFAULT_PROPERTIES,
  // graph.md §1.6 per-property table (D = default, A = advanced).
  filterable: {
    id: { type: 'guid', eq: 'default' },
    userPrincipalName: { type: 'string', eq: 'default', startsWith: 'default' },
    displayName: { type: 'string', eq: 'default', startsWith: 'default', null: 'advanced' },
    givenName: { type: 'string', eq: 'default', startsWith: 'default', null: 'advanced' },
    surname: { type: 'string', eq: 'default', startsWith: 'default', null: 'advanced' },
    mail: { type: 'string', eq: 'default', startsWith: 'default' },
    jobTitle: { type: 'string', eq: 'default', null: 'advanced' },
    accountEnabled: { type: 'boolean', eq: 'default' },
    userType: { type: 'string', eq: 'default', null: 'advanced' },
    // [?] not in graph.md's table; Graph documents eq/startsWith on mailNickname by default.
    mailNickname: { type: 'string', eq: 'default', startsWith: 'default' },
    mobilePhone: { type: 'string', eq: 'advanced', startsWith: 'advanced', null: 'advanced' },
    officeLocation: { type: 'string', eq: 'advanced', startsWith: 'advanced', null: 'advanced' },
    preferredLanguage: { type: 'string', eq: 'advanced', startsWith: 'advanced', null: 'advanced' },
  },
});
