/**
 * The demo environment (created on first start with an empty database): an ordinary environment
 * object, applied through the same engine as environment files. Its ids and credentials are the
 * well-known public values of `demo-values.ts`.
 */
import { CONSUMERS_TENANT_ID } from '../directory/graph-catalog.js';
import { DEMO, publicClientRedirectUris } from './demo-values.js';
import type { EnvironmentInput } from './schema.js';

const SIGN_IN = ['openid', 'profile', 'offline_access', 'User.Read'];

/** The demo environment; the daemon's certificate is generated per data directory. */
export function demoEnvironment(options: { daemonCertificatePem: string }): EnvironmentInput {
  const { tenant, users, applications: apps } = DEMO;
  return {
    tenants: [
      {
        id: tenant.id,
        displayName: tenant.displayName,
        domain: tenant.domain,
        users: [
          { ...users.admin, roles: ['Global Administrator'] },
          { ...users.alice },
          { id: users.bob.id, userPrincipalName: users.bob.userPrincipalName, displayName: users.bob.displayName, password: users.bob.password, mfa: { required: true, totpSecret: users.bob.totpSecret } },
        ],
        groups: [{ displayName: 'Demo Users', description: 'Every demo user', members: [users.admin.userPrincipalName, users.alice.userPrincipalName, users.bob.userPrincipalName] }],
        applications: [
          {
            id: apps.daemon.id,
            appId: apps.daemon.appId,
            displayName: apps.daemon.displayName,
            requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] },
            secrets: [{ value: apps.daemon.secret, displayName: 'demo (public, well-known)' }],
            certificates: [{ pem: options.daemonCertificatePem, displayName: 'demo-daemon' }],
          },
          {
            id: apps.web.id,
            appId: apps.web.appId,
            displayName: apps.web.displayName,
            web: { redirectUris: [...apps.web.redirectUris], logoutUrl: 'https://localhost:5001/signout-oidc' },
            requiredPermissions: { 'Microsoft Graph': { delegated: SIGN_IN } },
            secrets: [{ value: apps.web.secret, displayName: 'demo (public, well-known)' }],
          },
          {
            id: apps.spa.id,
            appId: apps.spa.appId,
            displayName: apps.spa.displayName,
            spa: { redirectUris: [...apps.spa.redirectUris] },
            requiredPermissions: { 'Microsoft Graph': { delegated: SIGN_IN } },
          },
          {
            id: apps.publicClient.id,
            appId: apps.publicClient.appId,
            displayName: apps.publicClient.displayName,
            signInAudience: 'AzureADandPersonalMicrosoftAccount',
            publicClient: { redirectUris: publicClientRedirectUris() },
            isFallbackPublicClient: true,
            requiredPermissions: { 'Microsoft Graph': { delegated: SIGN_IN } },
          },
        ],
        // Admin consent, so every demo app works without a consent prompt (protocol.md §6.1).
        consent: [
          { application: apps.daemon.displayName },
          { application: apps.web.displayName },
          { application: apps.spa.displayName },
          { application: apps.publicClient.displayName },
        ],
      },
      {
        kind: 'consumers',
        id: CONSUMERS_TENANT_ID,
        users: [{ ...users.personal }],
        // The public client is multi-tenant + personal accounts: its service principal reaches
        // the consumers tenant through this consent (protocol.md §15.1).
        consent: [{ application: apps.publicClient.appId, user: users.personal.userPrincipalName }],
      },
    ],
  };
}
