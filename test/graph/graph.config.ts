// The environment every Graph test boots: Contoso with users (one of them the user of scenario
// 001), groups with user, group and service-principal members, and daemons holding different
// Graph application permissions; Fabrikam, whose objects Contoso's callers must never see.
import type { EnvironmentInput } from '../../src/environment/schema.js';

export const CONTOSO = '7c0e0000-0000-4000-8000-00000000000a';
export const FABRIKAM = '7c0e0000-0000-4000-8000-00000000000b';
export const GRAPH = '00000003-0000-0000-c000-000000000000';

/** The user of scenario 001 (`GET /v1.0/user/12345678-…`). */
export const CHRIS = '12345678-73a6-4952-a53a-e9916737ff7f';
export const ALICE = '7c0e0000-0000-4000-8000-0000000a11ce';
export const FABRIKAM_USER = '7c0e0000-0000-4000-8000-0000000fab01';
export const SALES = '7c0e0000-0000-4000-8000-00000000a001';
export const NESTED = '7c0e0000-0000-4000-8000-00000000a002';
export const FABRIKAM_GROUP = '7c0e0000-0000-4000-8000-00000000a0fb';

/** Client ids: one daemon per permission set under test. */
export const APPS = {
  reader: 'da000000-0000-4000-8000-000000000001', // User.Read.All, Group.Read.All, Organization.Read.All
  basic: 'da000000-0000-4000-8000-000000000002', // User.ReadBasic.All
  members: 'da000000-0000-4000-8000-000000000003', // GroupMember.Read.All
  directory: 'da000000-0000-4000-8000-000000000004', // Directory.Read.All
  none: 'da000000-0000-4000-8000-000000000005', // consented, no Graph permission
  ordersApi: 'da000000-0000-4000-8000-0000000000a1', // an API: tokens for it are not Graph tokens
} as const;
export const SECRET = 'graph-test-secret~0123456789abcdef';

const CONTOSO_USERS = [
  {
    id: CHRIS,
    userPrincipalName: 'ChrisG@contoso.onmicrosoft.com',
    displayName: 'Chris Green',
    givenName: 'Chris',
    surname: 'Green',
    jobTitle: 'Software Engineer',
    mobilePhone: '+1 5555555555',
    officeLocation: 'Seattle Office',
    businessPhones: ['+1 555555555'],
  },
  { id: ALICE, userPrincipalName: 'alice@contoso.onmicrosoft.com', displayName: 'Alice Adams', givenName: 'Alice', surname: 'Adams', mail: 'alice@contoso.onmicrosoft.com', jobTitle: 'Sales Lead' },
  { userPrincipalName: 'bob@contoso.onmicrosoft.com', displayName: 'Bob Brown', givenName: 'Bob', surname: 'Brown', accountEnabled: false },
  { userPrincipalName: "o'neil@contoso.onmicrosoft.com", displayName: "Oscar O'Neil", givenName: 'Oscar' },
  { userPrincipalName: 'alan@contoso.onmicrosoft.com', displayName: 'Alan Turing', givenName: 'Alan', preferredLanguage: 'en-GB' },
  { userPrincipalName: 'dana@contoso.onmicrosoft.com', displayName: 'Dana Scully', jobTitle: 'Sales Lead' },
  { userPrincipalName: 'erin@contoso.onmicrosoft.com', displayName: 'Erin Hannon' },
];

/** Number of users in Contoso. */
export const CONTOSO_USER_COUNT = CONTOSO_USERS.length;

function daemon(appId: string, displayName: string, permissions: string[]) {
  return { appId, displayName, secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': { application: permissions } } };
}

export const environment: EnvironmentInput = {
  tenants: [
    {
      id: CONTOSO,
      displayName: 'Contoso',
      domain: 'contoso',
      countryLetterCode: 'US',
      users: CONTOSO_USERS,
      groups: [
        { id: NESTED, displayName: 'Nested', securityEnabled: true },
        {
          id: SALES,
          displayName: 'Sales',
          description: 'Sales team',
          mailEnabled: true,
          mailNickname: 'sales',
          groupTypes: ['Unified'],
          members: ['alice@contoso.onmicrosoft.com', 'ChrisG@contoso.onmicrosoft.com', 'Nested', 'Reader'],
        },
      ],
      applications: [
        daemon(APPS.reader, 'Reader', ['User.Read.All', 'Group.Read.All', 'Organization.Read.All']),
        daemon(APPS.basic, 'Basic reader', ['User.ReadBasic.All']),
        daemon(APPS.members, 'Member reader', ['GroupMember.Read.All']),
        daemon(APPS.directory, 'Directory reader', ['Directory.Read.All']),
        { appId: APPS.none, displayName: 'No permissions', secrets: [{ value: SECRET }] },
        {
          appId: APPS.ordersApi,
          displayName: 'Orders API',
          identifierUris: ['api://orders'],
          appRoles: [{ value: 'Orders.Read.All', allowedMemberTypes: ['Application'] }],
        },
      ],
      consent: [
        { application: 'Reader' },
        { application: 'Basic reader' },
        { application: 'Member reader' },
        { application: 'Directory reader' },
        { application: 'No permissions' },
      ],
    },
    {
      id: FABRIKAM,
      displayName: 'Fabrikam',
      domain: 'fabrikam',
      users: [{ id: FABRIKAM_USER, userPrincipalName: 'frank@fabrikam.onmicrosoft.com', displayName: 'Frank Fabrikam' }],
      groups: [{ id: FABRIKAM_GROUP, displayName: 'Fabrikam team', members: ['frank@fabrikam.onmicrosoft.com'] }],
    },
  ],
};
