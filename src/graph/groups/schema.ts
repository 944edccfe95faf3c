/**
 * `microsoft.graph.group` (graph.md §2.2): selectable properties (CSDL names), the default set
 * of v1.0 `GET /groups` and the `$filter` whitelist. Unstored properties answer null or `[]`.
 */
import type { Group } from '../../directory/types.js';
import { defineEntitySchema, graphDateTime } from '../odata/schema.js';

type Read = (group: Group) => unknown;
const none: Read = () => null;
const empty: Read = () => [];

const isUnified = (g: Group) => g.groupTypes.includes('Unified');

const stored: Record<string, Read> = {
  id: (g) => g.id,
  createdDateTime: (g) => graphDateTime(g.createdDateTime),
  description: (g) => g.description,
  displayName: (g) => g.displayName,
  groupTypes: (g) => g.groupTypes,
  mail: (g) => g.mail,
  mailEnabled: (g) => g.mailEnabled,
  mailNickname: (g) => g.mailNickname,
  // Exchange gives a mail-enabled group its primary SMTP address.
  proxyAddresses: (g) => (g.mail === null ? [] : [`SMTP:${g.mail}`]),
  renewedDateTime: (g) => (isUnified(g) ? graphDateTime(g.createdDateTime) : null),
  securityEnabled: (g) => g.securityEnabled,
  // [?] Microsoft 365 groups are created Public unless told otherwise.
  visibility: (g) => (isUnified(g) ? 'Public' : null),
};

const COLLECTIONS = [
  'assignedLabels', 'assignedLicenses', 'creationOptions', 'onPremisesProvisioningErrors',
  'resourceBehaviorOptions', 'resourceProvisioningOptions', 'serviceProvisioningErrors',
];
const NULLABLE = [
  'allowExternalSenders', 'autoSubscribeNewMembers', 'classification', 'deletedDateTime', 'expirationDateTime',
  'hasMembersWithLicenseErrors', 'hideFromAddressLists', 'hideFromOutlookClients', 'isArchived', 'isAssignableToRole',
  'isManagementRestricted', 'isSubscribedByMail', 'licenseProcessingState', 'membershipRule', 'membershipRuleProcessingState',
  'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName', 'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'preferredDataLocation', 'preferredLanguage',
  'securityIdentifier', 'theme', 'uniqueName', 'unseenCount',
];

// [?] The default set of the v1.0 "List groups" response example (graph.md §1.4 pattern).
export const GROUP_DEFAULT_PROPERTIES = [
  'id', 'deletedDateTime', 'classification', 'createdDateTime', 'creationOptions', 'description', 'displayName',
  'expirationDateTime', 'groupTypes', 'isAssignableToRole', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule',
  'membershipRuleProcessingState', 'onPremisesDomainName', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName',
  'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'preferredDataLocation',
  'preferredLanguage', 'proxyAddresses', 'renewedDateTime', 'resourceBehaviorOptions', 'resourceProvisioningOptions',
  'securityEnabled', 'securityIdentifier', 'theme', 'visibility', 'onPremisesProvisioningErrors', 'serviceProvisioningErrors',
];

export const groupSchema = defineEntitySchema<Group>({
  typeName: 'microsoft.graph.group',
  entitySet: 'groups',
  resourceName: 'Group',
  properties: {
    ...Object.fromEntries(COLLECTIONS.map((n) => [n, empty])),
    ...Object.fromEntries(NULLABLE.map((n) => [n, none])),
    ...stored,
  },
  defaultProperties: GROUP_DEFAULT_PROPERTIES,
  filterable: {
    id: { type: 'guid', eq: 'default' },
    displayName: { type: 'string', eq: 'default', startsWith: 'default', null: 'advanced' },
    description: { type: 'string', eq: 'default', startsWith: 'default', null: 'advanced' },
    mail: { type: 'string', eq: 'default', startsWith: 'default' },
    mailNickname: { type: 'string', eq: 'default', startsWith: 'default' },
    mailEnabled: { type: 'boolean', eq: 'default' },
    securityEnabled: { type: 'boolean', eq: 'default' },
  },
});
