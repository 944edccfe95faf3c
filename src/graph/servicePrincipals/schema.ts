/**
 * `microsoft.graph.servicePrincipal` (graph.md §2.6), as far as group member listings need it:
 * the default properties of a service principal, built from the resolved domain object.
 */
import type { ServicePrincipal } from '../../directory/types.js';
import { defineEntitySchema, graphDateTime } from '../odata/schema.js';

type Read = (sp: ServicePrincipal) => unknown;
const none: Read = () => null;
const empty: Read = () => [];

const stored: Record<string, Read> = {
  id: (sp) => sp.id,
  accountEnabled: (sp) => sp.accountEnabled,
  appDisplayName: (sp) => sp.appDisplayName,
  appId: (sp) => sp.appId,
  appOwnerOrganizationId: (sp) => sp.appOwnerOrganizationId,
  appRoleAssignmentRequired: (sp) => sp.appRoleAssignmentRequired,
  appRoles: (sp) =>
    sp.appRoles.map((r) => ({
      allowedMemberTypes: r.allowedMemberTypes, description: r.description, displayName: r.displayName,
      id: r.id, isEnabled: r.isEnabled, origin: 'Application', value: r.value,
    })),
  createdDateTime: (sp) => graphDateTime(sp.createdDateTime),
  displayName: (sp) => sp.displayName,
  oauth2PermissionScopes: (sp) =>
    sp.oauth2PermissionScopes.map((s) => ({
      adminConsentDescription: s.adminConsentDescription, adminConsentDisplayName: s.adminConsentDisplayName,
      id: s.id, isEnabled: s.isEnabled, type: s.type, userConsentDescription: s.userConsentDescription,
      userConsentDisplayName: s.userConsentDisplayName, value: s.value,
    })),
  servicePrincipalNames: (sp) => sp.servicePrincipalNames,
  servicePrincipalType: (sp) => sp.servicePrincipalType,
  signInAudience: (sp) => sp.signInAudience,
};

const COLLECTIONS = ['addIns', 'alternativeNames', 'keyCredentials', 'notificationEmailAddresses', 'passwordCredentials', 'replyUrls', 'resourceSpecificApplicationPermissions', 'tags'];
const NULLABLE = [
  'appDescription', 'applicationTemplateId', 'deletedDateTime', 'description', 'disabledByMicrosoftStatus', 'homepage',
  'info', 'loginUrl', 'logoutUrl', 'notes', 'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint',
  'samlSingleSignOnSettings', 'tokenEncryptionKeyId', 'verifiedPublisher',
];

export const servicePrincipalSchema = defineEntitySchema<ServicePrincipal>({
  typeName: 'microsoft.graph.servicePrincipal',
  entitySet: 'servicePrincipals',
  resourceName: 'ServicePrincipal',
  properties: {
    ...Object.fromEntries(COLLECTIONS.map((n) => [n, empty])),
    ...Object.fromEntries(NULLABLE.map((n) => [n, none])),
    ...stored,
  },
  // [?] Graph returns nearly every property of a service principal by default.
  defaultProperties: [
    'id', 'deletedDateTime', 'accountEnabled', 'alternativeNames', 'appDisplayName', 'appDescription', 'appId',
    'applicationTemplateId', 'appOwnerOrganizationId', 'appRoleAssignmentRequired', 'createdDateTime', 'description',
    'disabledByMicrosoftStatus', 'displayName', 'homepage', 'loginUrl', 'logoutUrl', 'notes', 'notificationEmailAddresses',
    'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint', 'replyUrls', 'servicePrincipalNames',
    'servicePrincipalType', 'signInAudience', 'tags', 'tokenEncryptionKeyId', 'info', 'samlSingleSignOnSettings',
    'verifiedPublisher', 'addIns', 'appRoles', 'keyCredentials', 'oauth2PermissionScopes', 'passwordCredentials',
    'resourceSpecificApplicationPermissions',
  ],
  filterable: {},
});
