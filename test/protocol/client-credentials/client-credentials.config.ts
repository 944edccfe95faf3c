// The environment every client-credentials test boots: a daemon app with a secret and
// certificates, a v1 and a v2 API with app roles, a multi-tenant app consented in a second
// tenant, and a third tenant where nothing is consented.
import type { EnvironmentInput } from '../../../src/environment/schema.js';
import { createClientCertificate, type ClientCertificate } from '../../fixtures/certs/client-certificate.js';

export const TENANT_A = '6a1b2c3d-0000-4000-8000-00000000000a';
export const TENANT_B = '6a1b2c3d-0000-4000-8000-00000000000b';
export const TENANT_C = '6a1b2c3d-0000-4000-8000-00000000000c';
export const DAEMON = 'd0000000-0000-4000-8000-000000000001';
export const ORDERS_API = 'a0000000-0000-4000-8000-000000000001';
export const INVENTORY_API = 'a0000000-0000-4000-8000-000000000002';
export const MULTI = 'd0000000-0000-4000-8000-000000000002';
export const SINGLE = 'd0000000-0000-4000-8000-000000000003';
export const GRAPH = '00000003-0000-0000-c000-000000000000';
export const DAEMON_SECRET = 'daemon-secret~value.0123456789';
export const DAEMON_OLD_SECRET = 'daemon-old-secret~value.012345';
export const MULTI_SECRET = 'multi-secret~value.0123456789';
export const SINGLE_SECRET = 'single-secret~value.0123456789';
/** The v1 API's identifier URI ends with `/` (protocol.md §10.1 double-slash rule). */
export const ORDERS_URI = 'https://orders.contoso.example/';
export const INVENTORY_URI = `api://${INVENTORY_API}`;

export interface Certificates {
  /** Registered on the daemon, valid now. */
  current: ClientCertificate;
  /** Registered on the daemon, expired yesterday. */
  expired: ClientCertificate;
  /** Registered on the daemon, valid from tomorrow. */
  future: ClientCertificate;
  /** Never registered anywhere. */
  stranger: ClientCertificate;
}

const DAY = 86_400_000;

export async function createCertificates(): Promise<Certificates> {
  const now = Date.now();
  const [current, expired, future, stranger] = await Promise.all([
    createClientCertificate({ subject: 'CN=daemon current' }),
    createClientCertificate({ subject: 'CN=daemon expired', notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - DAY) }),
    createClientCertificate({ subject: 'CN=daemon future', notBefore: new Date(now + DAY), notAfter: new Date(now + 400 * DAY) }),
    createClientCertificate({ subject: 'CN=stranger' }),
  ]);
  return { current, expired, future, stranger };
}

/**
 * `oldSecretEnd`: the end date of the daemon's second secret, so a test can move the clock past
 * it (an environment cannot add an already expired secret).
 */
export function environment(certs: Certificates, options: { oldSecretEnd?: string } = {}): EnvironmentInput {
  return {
    tenants: [
      {
        id: TENANT_A,
        displayName: 'Contoso',
        domain: 'contoso',
        applications: [
          {
            appId: ORDERS_API,
            displayName: 'Orders API',
            identifierUris: [ORDERS_URI],
            appRoles: [
              { value: 'Orders.Read.All', allowedMemberTypes: ['Application'] },
              { value: 'Orders.Write.All', allowedMemberTypes: ['Application'] },
            ],
          },
          {
            appId: INVENTORY_API,
            displayName: 'Inventory API',
            identifierUris: [INVENTORY_URI],
            accessTokenAcceptedVersion: 2,
            appRoles: [{ value: 'Inventory.Read.All', allowedMemberTypes: ['Application'] }],
          },
          {
            appId: DAEMON,
            displayName: 'Daemon',
            secrets: [{ value: DAEMON_SECRET }, { value: DAEMON_OLD_SECRET, displayName: 'old', ...(options.oldSecretEnd ? { endDateTime: options.oldSecretEnd } : {}) }],
            certificates: [{ pem: certs.current.certificatePem }, { pem: certs.expired.certificatePem }, { pem: certs.future.certificatePem }],
            requiredPermissions: {
              'Microsoft Graph': { application: ['User.Read.All'] },
              'Orders API': { application: ['Orders.Read.All', 'Orders.Write.All'] },
            },
          },
          {
            appId: MULTI,
            displayName: 'Multi-tenant daemon',
            signInAudience: 'AzureADMultipleOrgs',
            secrets: [{ value: MULTI_SECRET }],
            requiredPermissions: { 'Microsoft Graph': { application: ['Group.Read.All'] } },
          },
          { appId: SINGLE, displayName: 'Single-tenant daemon', secrets: [{ value: SINGLE_SECRET }] },
        ],
        consent: [{ application: 'Daemon' }, { application: 'Multi-tenant daemon' }],
      },
      {
        id: TENANT_B,
        displayName: 'Fabrikam',
        domain: 'fabrikam',
        consent: [{ application: MULTI, permissions: { 'Microsoft Graph': { application: ['User.Read.All', 'Mail.Read'] } } }],
      },
      { id: TENANT_C, displayName: 'Northwind', domain: 'northwind' },
    ],
  };
}
