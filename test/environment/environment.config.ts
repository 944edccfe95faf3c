// The environment the engine tests apply: two tenants, users with roles and MFA, groups with
// user, group and application members, an API with scopes and app roles, a client requiring it
// and Microsoft Graph by name, secrets (given and generated), a certificate, admin and user
// consent, and a multi-tenant app consented in the second tenant.
import type { EnvironmentInput } from '../../src/environment/schema.js';

export const CONTOSO = '5c0e0000-0000-4000-8000-0000000000c1';
export const FABRIKAM_DOMAIN = 'fabrikam.onmicrosoft.com';
export const API_APP_ID = '5c0e0000-0000-4000-8000-0000000000a1';
export const CLIENT_APP_ID = '5c0e0000-0000-4000-8000-0000000000a2';
export const MULTI_APP_ID = '5c0e0000-0000-4000-8000-0000000000a3';
export const CLIENT_SECRET = 'client-secret~given.value.0001';
export const MULTI_SECRET = 'multi-secret~given.value.0002';

export function environment(certificatePem: string): EnvironmentInput {
  return {
    tenants: [
      {
        id: CONTOSO,
        displayName: 'Contoso',
        domain: 'contoso',
        customDomains: ['contoso.example'],
        users: [
          { userPrincipalName: 'admin', password: 'Admin-Pass-1!', roles: ['Global Administrator', 'fe930be7-5e62-47db-91af-98c3a49a38b1'] },
          { userPrincipalName: 'alice@contoso.example', displayName: 'Alice', password: 'Alice-Pass-1!', mfa: true },
          { id: '5c0e0000-0000-4000-8000-0000000000b3', userPrincipalName: 'bob', mfa: { totpSecret: 'JBSWY3DPEHPK3PXP' } },
        ],
        groups: [
          { displayName: 'Engineering', members: ['alice@contoso.example', 'bob', 'Sales', 'Client App'] },
          { displayName: 'Sales', members: ['admin'] },
        ],
        applications: [
          {
            appId: API_APP_ID,
            displayName: 'Orders API',
            identifierUris: ['api://{appId}'],
            accessTokenAcceptedVersion: 2,
            scopes: [{ value: 'Orders.Read' }, { value: 'Orders.Admin', type: 'Admin' }],
            appRoles: [{ value: 'Orders.Read.All' }, { value: 'Orders.Approver', allowedMemberTypes: ['User'] }],
          },
          {
            appId: CLIENT_APP_ID,
            displayName: 'Client App',
            web: { redirectUris: ['https://client.example/callback', 'http://localhost:3000/cb'] },
            requiredPermissions: {
              'Microsoft Graph': ['User.Read', 'User.Read.All'],
              'Orders API': ['Orders.Read', 'Orders.Read.All'],
              [`api://${API_APP_ID}`]: { delegated: ['Orders.Admin'] },
            },
            secrets: [{ value: CLIENT_SECRET }, { displayName: 'generated' }],
            certificates: [{ pem: certificatePem, displayName: 'client cert' }],
          },
          {
            appId: MULTI_APP_ID,
            displayName: 'Multi App',
            signInAudience: 'AzureADMultipleOrgs',
            requiredPermissions: { 'Microsoft Graph': { application: ['Directory.Read.All'], delegated: ['User.Read'] } },
            secrets: [{ value: MULTI_SECRET }],
          },
        ],
        consent: [
          { application: 'Client App' },
          { application: 'Client App', user: 'alice@contoso.example', permissions: { 'Microsoft Graph': ['Mail.Read'] } },
        ],
      },
      {
        displayName: 'Fabrikam',
        domain: FABRIKAM_DOMAIN,
        users: [{ userPrincipalName: 'carol', password: 'Carol-Pass-1!' }],
        consent: [{ application: MULTI_APP_ID }],
      },
    ],
  };
}
