/**
 * The grant registry: grant_type → grant. Later issues add authorization-code, refresh-token,
 * device-code (both `device_code` and the RFC 8628 URN), password and on-behalf-of here.
 */
import { authorizationCode } from './authorization-code.js';
import { clientCredentials } from './client-credentials.js';
import { refreshToken } from './refresh-token.js';
import type { Grant } from './types.js';

const grants: readonly Grant[] = [clientCredentials, authorizationCode, refreshToken];

export const grantRegistry: ReadonlyMap<string, Grant> = new Map(grants.flatMap((g) => g.grantType.map((t) => [t, g] as const)));
