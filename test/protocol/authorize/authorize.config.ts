// The environment of the interactive sign-in tests: a web (confidential) app whose redirect URI
// is the test's own loopback listener, a public client, an app with a hostile display name,
// a user with a password and one with TOTP MFA.
import type { EnvironmentInput } from '../../../src/environment/schema.js';

export const TENANT = '7a000000-0000-4000-8000-00000000000a';
export const WEB_APP = '7a000000-0000-4000-8000-0000000000a1';
export const PUBLIC_APP = '7a000000-0000-4000-8000-0000000000a2';
export const EVIL_APP = '7a000000-0000-4000-8000-0000000000a3';
export const SPA_APP = '7a000000-0000-4000-8000-0000000000a4';
export const SPA_REDIRECT = 'https://spa.example/';
export const IMPLICIT_APP = '7a000000-0000-4000-8000-0000000000a5';
export const MULTI_APP = '7a000000-0000-4000-8000-0000000000a6';
export const WEB_SECRET = 'web-secret~given.value.0001';
export const ALICE = 'alice@contoso.example';
export const ALICE_PASSWORD = 'Alice-Pass-1!';
export const BOB = 'bob@contoso.example';
export const BOB_PASSWORD = 'Bob-Pass-1!';
export const BOB_TOTP = 'JBSWY3DPEHPK3PXP';
export const CAROL = 'carol@contoso.example';
export const CAROL_PASSWORD = 'Carol-Pass-1!';
/** A user of another tenant (Fabrikam). */
export const DAVE = 'dave@fabrikam.example';
export const DAVE_PASSWORD = 'Dave-Pass-1!';
export const EVIL_NAME = '<img src=x onerror=alert(1)>Evil';

export function environment(callbackUri: string): EnvironmentInput {
  return {
    tenants: [
      {
        id: TENANT,
        displayName: 'Contoso',
        domain: 'contoso',
        customDomains: ['contoso.example'],
        users: [
          { userPrincipalName: ALICE, displayName: 'Alice', password: ALICE_PASSWORD },
          { userPrincipalName: CAROL, displayName: 'Carol', password: CAROL_PASSWORD },
          { userPrincipalName: BOB, displayName: 'Bob', password: BOB_PASSWORD, mfa: { required: true, totpSecret: BOB_TOTP } },
        ],
        applications: [
          { appId: WEB_APP, displayName: 'Web App', web: { redirectUris: [callbackUri] }, secrets: [{ value: WEB_SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read'] } },
          { appId: PUBLIC_APP, displayName: 'Public App', publicClient: { redirectUris: ['http://localhost'] } },
          { appId: SPA_APP, displayName: 'Single Page App', spa: { redirectUris: [SPA_REDIRECT] } },
          { appId: IMPLICIT_APP, displayName: 'Implicit App', web: { redirectUris: [callbackUri], implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: true } } },
          { appId: MULTI_APP, displayName: 'Multi App', signInAudience: 'AzureADMultipleOrgs', web: { redirectUris: [callbackUri] }, secrets: [{ value: WEB_SECRET }] },
          { appId: EVIL_APP, displayName: EVIL_NAME, web: { redirectUris: [callbackUri] }, secrets: [{ value: WEB_SECRET }] },
        ],
      },
      { displayName: 'Fabrikam', domain: 'fabrikam', customDomains: ['fabrikam.example'], users: [{ userPrincipalName: DAVE, password: DAVE_PASSWORD }] },
    ],
  };
}
