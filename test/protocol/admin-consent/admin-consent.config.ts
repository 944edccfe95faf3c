// Scenarios 001/002 (protocol.md §6): multi-tenant daemon apps and a custom API homed in Contoso
// (tenant A); Fabrikam (tenant B) has a Global Administrator, a Cloud Application Administrator
// and a user without roles. Nothing is consented in Fabrikam beforehand.
import type { EnvironmentInput } from '../../../src/environment/schema.js';

export const TENANT_A = '7b000000-0000-4000-8000-00000000000a';
export const TENANT_B = '7b000000-0000-4000-8000-00000000000b';
export const DAEMON = '7b000000-0000-4000-8000-0000000000d1';
export const DAEMON_V2 = '7b000000-0000-4000-8000-0000000000d2';
export const DYNAMIC_APP = '7b000000-0000-4000-8000-0000000000d3';
export const CANCEL_APP = '7b000000-0000-4000-8000-0000000000d4';
export const EVIL_APP = '7b000000-0000-4000-8000-0000000000d5';
export const DELEGATED_APP = '7b000000-0000-4000-8000-0000000000d6';
export const JOBS_API = '7b000000-0000-4000-8000-0000000000e1';
export const JOBS_URI = `api://${JOBS_API}`;
export const SECRET = 'daemon-secret~given.value.0001';
export const ADMIN = 'admin@fabrikam.example';
export const ADMIN_PASSWORD = 'Admin-Pass-1!';
export const CLOUD_ADMIN = 'apps@fabrikam.example';
export const ERIN = 'erin@fabrikam.example';
export const PASSWORD = 'User-Pass-1!';
export const EVIL_NAME = '<img src=x onerror=alert(1)>';

export function environment(callbackUri: string): EnvironmentInput {
  const multi = (appId: string, displayName: string, requiredPermissions: Record<string, { application?: string[]; delegated?: string[] }>) => ({
    appId,
    displayName,
    signInAudience: 'AzureADMultipleOrgs' as const,
    web: { redirectUris: [callbackUri] },
    secrets: [{ value: SECRET }],
    requiredPermissions,
  });
  return {
    tenants: [
      {
        id: TENANT_A,
        displayName: 'Contoso',
        domain: 'contoso',
        applications: [
          {
            appId: JOBS_API,
            displayName: 'Jobs API',
            signInAudience: 'AzureADMultipleOrgs',
            identifierUris: [JOBS_URI],
            scopes: [{ value: 'access_as_user', type: 'Admin', adminConsentDisplayName: 'Access Jobs API', adminConsentDescription: 'Lets the app call the Jobs API as the signed-in user.' }],
            appRoles: [{ value: 'Jobs.Run', displayName: 'Run jobs', description: 'Lets the app run jobs as itself.', allowedMemberTypes: ['Application'] }],
          },
          multi(DAEMON, 'Archiver Daemon', { 'Microsoft Graph': { application: ['User.Read.All'], delegated: ['User.Read'] } }),
          multi(DAEMON_V2, 'Sync Daemon', { 'Microsoft Graph': { application: ['Group.Read.All'] }, 'Jobs API': { application: ['Jobs.Run'] } }),
          multi(DYNAMIC_APP, 'Jobs Portal', { 'Jobs API': { delegated: ['access_as_user'] } }),
          multi(CANCEL_APP, 'Declined App', { 'Microsoft Graph': { application: ['User.Read.All'] } }),
          multi(EVIL_APP, EVIL_NAME, { 'Microsoft Graph': { application: ['User.Read.All'] } }),
          multi(DELEGATED_APP, 'Calendar Helper', { 'Microsoft Graph': { delegated: ['User.Read', 'User.Read.All'] } }),
        ],
      },
      {
        id: TENANT_B,
        displayName: 'Fabrikam',
        domain: 'fabrikam',
        customDomains: ['fabrikam.example'],
        users: [
          { userPrincipalName: ADMIN, displayName: 'Fabrikam Admin', password: ADMIN_PASSWORD, roles: ['Global Administrator'] },
          { userPrincipalName: CLOUD_ADMIN, displayName: 'Apps Admin', password: PASSWORD, roles: ['Cloud Application Administrator'] },
          { userPrincipalName: ERIN, displayName: 'Erin', password: PASSWORD },
        ],
      },
    ],
  };
}
