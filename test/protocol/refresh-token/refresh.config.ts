// The interactive sign-in environment (test/protocol/authorize/authorize.config.ts) plus a custom
// API exposing `access_as_user`, so one sign-in can consent to two resources.
import type { EnvironmentInput } from '../../../src/environment/schema.js';
import { environment as authorizeEnvironment, TENANT } from '../authorize/authorize.config.js';

export * from '../authorize/authorize.config.js';
export const API_APP = '7a000000-0000-4000-8000-0000000000b1';
export const API_SCOPE = `api://${API_APP}/access_as_user`;

export function environment(callbackUri: string): EnvironmentInput {
  const base = authorizeEnvironment(callbackUri);
  const tenants = (base.tenants ?? []).map((t) => t.id !== TENANT ? t : {
    ...t,
    applications: [...(t.applications ?? []), { appId: API_APP, displayName: 'Notes API', identifierUris: [`api://${API_APP}`], accessTokenAcceptedVersion: 2 as const, scopes: [{ value: 'access_as_user' }] }],
  });
  return { ...base, tenants };
}
