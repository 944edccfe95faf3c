/**
 * `microsoft.graph.organization` (graph.md §2.3): the tenant as Graph shows it. Every property is
 * returned by default; with delegated User.Read only `id`, `displayName` and `verifiedDomains`
 * are filled.
 */
import type { Tenant } from '../../directory/types.js';
import { defineEntitySchema, graphDateTime } from '../odata/schema.js';

type Read = (tenant: Tenant) => unknown;
const none: Read = () => null;
const empty: Read = () => [];

export const ORGANIZATION_LIMITED_PROPERTIES: ReadonlySet<string> = new Set(['id', 'displayName', 'verifiedDomains']);

const stored: Record<string, Read> = {
  id: (t) => t.id,
  countryLetterCode: (t) => t.countryLetterCode,
  createdDateTime: (t) => graphDateTime(t.createdDateTime),
  displayName: (t) => t.displayName,
  // graph.md §2.3: verified domains with capabilities and type; [?] capabilities of custom domains.
  verifiedDomains: (t) =>
    t.domains
      .filter((d) => d.isVerified)
      .map((d) => ({ capabilities: d.isInitial ? 'Email, OfficeCommunicationsOnline' : 'Email', isDefault: d.isDefault, isInitial: d.isInitial, name: d.name, type: 'Managed' })),
  tenantType: () => 'AAD',
};

const COLLECTIONS = [
  'assignedPlans', 'businessPhones', 'marketingNotificationEmails', 'onPremisesSyncStatus', 'provisionedPlans',
  'securityComplianceNotificationMails', 'securityComplianceNotificationPhones', 'technicalNotificationMails',
];
const NULLABLE = [
  'city', 'country', 'defaultUsageLocation', 'deletedDateTime', 'directorySizeQuota', 'isMultipleDataLocationsForServicesEnabled',
  'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled', 'partnerTenantType', 'postalCode', 'preferredLanguage',
  'privacyProfile', 'state', 'street',
];

export const organizationSchema = defineEntitySchema<Tenant>({
  typeName: 'microsoft.graph.organization',
  entitySet: 'organization',
  resourceName: 'Organization',
  properties: {
    ...Object.fromEntries(COLLECTIONS.map((n) => [n, empty])),
    ...Object.fromEntries(NULLABLE.map((n) => [n, none])),
    ...stored,
  },
  // The order of the documented "List organization" response.
  defaultProperties: [
    'id', 'deletedDateTime', 'businessPhones', 'city', 'country', 'countryLetterCode', 'createdDateTime',
    'defaultUsageLocation', 'displayName', 'isMultipleDataLocationsForServicesEnabled', 'marketingNotificationEmails',
    'onPremisesLastSyncDateTime', 'onPremisesSyncEnabled', 'partnerTenantType', 'postalCode', 'preferredLanguage',
    'securityComplianceNotificationMails', 'securityComplianceNotificationPhones', 'state', 'street',
    'technicalNotificationMails', 'tenantType', 'directorySizeQuota', 'privacyProfile', 'assignedPlans',
    'onPremisesSyncStatus', 'provisionedPlans', 'verifiedDomains',
  ],
  filterable: {},
});
