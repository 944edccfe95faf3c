// A tenant with two users and three apps: two web apps with front-channel logout URLs (filled
// per test run with the recording server's address) and one without.
import type { EnvironmentInput } from '../../../src/environment/schema.js';

export const TENANT = '10c0a000-0000-4000-8000-00000000000a';
export const ADA = '10c0a000-0000-4000-8000-00000000a5e1';
export const BEN = '10c0a000-0000-4000-8000-00000000b0b0';
export const NOTES = '10c0a000-0000-4000-8000-0000000c1e01';
export const CALENDAR = '10c0a000-0000-4000-8000-0000000c1e02';
export const PLAIN = '10c0a000-0000-4000-8000-0000000c1e03';
export const NOTES_REDIRECT = 'https://notes.example/signed-out';
export const CALENDAR_REDIRECT = 'https://calendar.example/bye?from=tessera';

export function logoutEnvironment(logoutBase: string): EnvironmentInput {
  return {
    tenants: [{
      id: TENANT,
      displayName: 'Logout',
      domain: 'logout',
      users: [
        { id: ADA, userPrincipalName: 'ada@logout.onmicrosoft.com', displayName: 'Ada' },
        { id: BEN, userPrincipalName: 'ben@logout.onmicrosoft.com', displayName: 'Ben' },
      ],
      applications: [
        { appId: NOTES, displayName: 'Notes', web: { redirectUris: [NOTES_REDIRECT], logoutUrl: `${logoutBase}/notes/logout` } },
        { appId: CALENDAR, displayName: 'Calendar', web: { redirectUris: [CALENDAR_REDIRECT], logoutUrl: `${logoutBase}/calendar/logout?tenant=x` } },
        { appId: PLAIN, displayName: 'Plain', spa: { redirectUris: ['https://plain.example/'] } },
      ],
    }],
  };
}
