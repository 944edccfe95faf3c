// The environment of the assignment tests (issue 9 item 7): an app that requires assignment,
// users assigned directly, through a group, through a nested group (which does not count) and
// not at all, a user in 201 groups, and apps asking for different groups claims.
import type { EnvironmentInput } from '../../../src/environment/schema.js';

export const TENANT = '7b000000-0000-4000-8000-00000000000b';
export const ORDERS_APP = '7b000000-0000-4000-8000-0000000000b1';
export const PLAIN_APP = '7b000000-0000-4000-8000-0000000000b2';
export const ALL_GROUPS_APP = '7b000000-0000-4000-8000-0000000000b3';
export const API_APP = '7b000000-0000-4000-8000-0000000000b4';
export const SECRET = 'assignment-secret~0001';
export const PASSWORD = 'Assign-Pass-1!';
export const APPROVERS = '7b000000-0000-4000-8000-0000000000c1';
export const NESTED = '7b000000-0000-4000-8000-0000000000c2';
export const SALES = '7b000000-0000-4000-8000-0000000000c3';
export const STAFF = '7b000000-0000-4000-8000-0000000000c4';
export const OVERAGE_GROUPS = 201;

export const upn = (name: string) => `${name}@assign.example`;

export function environment(callbackUri: string): EnvironmentInput {
  const web = { redirectUris: [callbackUri], implicitGrantSettings: { enableIdTokenIssuance: true } };
  const teams = Array.from({ length: OVERAGE_GROUPS }, (_, i) => ({ displayName: `Team ${i + 1}`, members: [upn('erin')] }));
  return {
    tenants: [
      {
        id: TENANT,
        displayName: 'Assign',
        domain: 'assign',
        customDomains: ['assign.example'],
        users: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'].map((n) => ({ userPrincipalName: upn(n), password: PASSWORD })),
        groups: [
          { id: APPROVERS, displayName: 'Approvers', members: [upn('bob'), 'Nested'] },
          { id: NESTED, displayName: 'Nested', members: [upn('dave')] },
          // A Microsoft 365 group: not a security group.
          { id: SALES, displayName: 'Sales', securityEnabled: false, mailEnabled: true, groupTypes: ['Unified'], members: [upn('alice'), upn('dave')] },
          { id: STAFF, displayName: 'Staff', members: [upn('alice')] },
          ...teams,
        ],
        applications: [
          {
            appId: API_APP,
            displayName: 'Orders API',
            identifierUris: ['api://{appId}'],
            accessTokenAcceptedVersion: 2,
            scopes: [{ value: 'access_as_user' }],
            appRoles: [{ value: 'Orders.Reader', allowedMemberTypes: ['User'] }],
            groupMembershipClaims: 'All',
            appRoleAssignments: [{ principal: 'Approvers', role: 'Orders.Reader' }],
          },
          {
            appId: ORDERS_APP,
            displayName: 'Orders Web',
            web,
            secrets: [{ value: SECRET }],
            appRoles: [{ value: 'Orders.Approver', allowedMemberTypes: ['User'] }],
            groupMembershipClaims: 'SecurityGroup',
            requiredPermissions: { 'Orders API': ['access_as_user'] },
            servicePrincipal: { appRoleAssignmentRequired: true },
            appRoleAssignments: [
              { principal: upn('alice'), role: 'Orders.Approver' },
              { principal: 'Approvers', role: 'Orders.Approver' },
              { principal: upn('erin') },
              { principal: upn('frank'), role: 'Orders.Approver' },
              { principal: upn('gina') },
            ],
          },
          { appId: PLAIN_APP, displayName: 'Plain Web', web, secrets: [{ value: SECRET }] },
          { appId: ALL_GROUPS_APP, displayName: 'All Groups Web', web, secrets: [{ value: SECRET }], groupMembershipClaims: 'All' },
        ],
        consent: [{ application: 'Orders Web' }],
      },
    ],
  };
}
