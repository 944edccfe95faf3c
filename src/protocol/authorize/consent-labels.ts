/** Entra's consent-page labels of the OIDC scopes (protocol.md §10.2, scenario 004 "openid"). */
import type { ConsentPermission } from '../../web/pages/consent.js';

export const OIDC_LABELS: Readonly<Record<string, ConsentPermission>> = {
  openid: { displayName: 'Sign you in', description: 'Allows you to sign in to the app with your work or school account and allows the app to read your basic profile information.' },
  profile: { displayName: 'View your basic profile', description: 'Allows the app to see your basic profile (e.g., name, picture, user name, email address).' },
  email: { displayName: 'View your email address', description: 'Allows the app to read your primary email address.' },
  offline_access: { displayName: 'Maintain access to data you have given it access to', description: 'Allows the app to see and update the data you gave it access to, even when you are not currently using the app.' },
};
