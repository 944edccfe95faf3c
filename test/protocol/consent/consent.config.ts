// The environment of the consent tests (issue 9 items 1–3, scenario 004): Contoso (user consent
// allowed) with a non-admin and a Global Administrator; Fabrikam (`userConsent: notAllowed`) and
// Northwind (`lowRisk`), reached by a multi-tenant app registered in Contoso; an API with a
// pre-authorized client; an app with a hostile display name.
import type { EnvironmentInput } from '../../../src/environment/schema.js';

export const CONTOSO = '7c000000-0000-4000-8000-00000000000c';
export const FABRIKAM = '7c000000-0000-4000-8000-00000000000f';
export const NORTHWIND = '7c000000-0000-4000-8000-00000000000e';
export const MAIL_APP = '7c000000-0000-4000-8000-0000000000c1';
export const DIRECTORY_APP = '7c000000-0000-4000-8000-0000000000c2';
export const MULTI_APP = '7c000000-0000-4000-8000-0000000000c3';
export const ORDERS_API = '7c000000-0000-4000-8000-0000000000c4';
export const ORDERS_CLIENT = '7c000000-0000-4000-8000-0000000000c5';
export const OTHER_CLIENT = '7c000000-0000-4000-8000-0000000000c6';
export const EVIL_APP = '7c000000-0000-4000-8000-0000000000c7';
export const STATIC_APP = '7c000000-0000-4000-8000-0000000000c8';
export const SECRET = 'consent-secret~given.value.01';
export const EVIL_NAME = '<img src=x onerror=alert(1)>';
export const ALICE = 'alice@contoso.example';
export const ADMIN = 'admin@contoso.example';
export const FRANK = 'frank@fabrikam.example';
export const NORA = 'nora@northwind.example';
export const PASSWORD = 'Consent-Pass-1!';

export function environment(callback: string): EnvironmentInput {
  const web = { redirectUris: [callback] };
  const secrets = [{ value: SECRET }];
  return {
    tenants: [
      {
        id: CONTOSO,
        displayName: 'Contoso',
        domain: 'contosoconsent',
        customDomains: ['contoso.example'],
        users: [
          { userPrincipalName: ALICE, displayName: 'Alice', password: PASSWORD },
          { userPrincipalName: ADMIN, displayName: 'Ada Admin', password: PASSWORD, roles: ['Global Administrator'] },
        ],
        applications: [
          { appId: MAIL_APP, displayName: 'Scenario 004 Mail App', web, secrets },
          { appId: DIRECTORY_APP, displayName: 'Directory Reader', web, secrets },
          { appId: MULTI_APP, displayName: 'Multi-tenant App', signInAudience: 'AzureADMultipleOrgs', web, secrets },
          {
            appId: ORDERS_API,
            displayName: 'Orders API',
            identifierUris: ['api://orders'],
            scopes: [{ value: 'access_as_user', adminConsentDisplayName: 'Access Orders as you' }],
            preAuthorizedApplications: [{ application: 'Orders Client', scopes: ['access_as_user'] }],
          },
          { appId: ORDERS_CLIENT, displayName: 'Orders Client', web, secrets },
          { appId: OTHER_CLIENT, displayName: 'Other Client', web, secrets },
          { appId: EVIL_APP, displayName: EVIL_NAME, web, secrets },
          { appId: STATIC_APP, displayName: 'Static App', web, secrets, requiredPermissions: { 'Microsoft Graph': { delegated: ['User.Read', 'Mail.Send'] } } },
        ],
      },
      { id: FABRIKAM, displayName: 'Fabrikam', domain: 'fabrikamconsent', customDomains: ['fabrikam.example'], userConsent: 'notAllowed', users: [{ userPrincipalName: FRANK, password: PASSWORD }] },
      { id: NORTHWIND, displayName: 'Northwind', domain: 'northwindconsent', customDomains: ['northwind.example'], userConsent: 'lowRisk', users: [{ userPrincipalName: NORA, password: PASSWORD }] },
    ],
  };
}
