/**
 * `grant_type=refresh_token` (protocol.md §5.2, §4.3, §10.3; tokens.md §10.2; RFC 6749 §6): a
 * refresh token of the client, bound to its user, buys an access token for any resource the user
 * consented to for that client, plus a new refresh token of the same family (rotation).
 *
 * ENTRA-COMPAT: confidential clients (web redirect URIs) keep their old token usable, as Entra
 * does. DEVIATION: public and SPA clients presenting a replaced token revoke the family (RFC 9700
 * §4.14.2); src/state/refresh-tokens.ts enforces both, docs/security.md documents them.
 */
import { newHandle } from '../../state/index.js';
import type { SignInFacts } from '../../tokens/claims/delegated.js';
import { authenticateClient } from '../client-auth/index.js';
import { requireAssignment } from '../authorize/assignment.js';
import { OAuthError } from '../errors.js';
import { redemptionScope } from './authorization-code/scope.js';
import { checkAlive, checkOrigin, presented, rotated } from './refresh-token/checks.js';
import type { Grant } from './types.js';
import { userTokenResponse } from './user-tokens.js';

export const refreshToken: Grant = {
  grantType: ['refresh_token'],
  parameters: ['refresh_token'],
  async handle(ctx) {
    const { deps, params } = ctx;
    const presentedHandle = params.refresh_token as string;
    const { token, data } = presented(await deps.state.refreshTokens.find(presentedHandle), params.client_id);
    const origin = ctx.request.headers.origin;
    checkOrigin(origin, data);
    // As at the code redemption (§4.1): the sign-in's redirect URI platform decides.
    const client = await authenticateClient(ctx, data.platform === 'web' ? { confidentialRequired: true } : { confidentialRequired: false, publicClient: true });
    if (client.clientId.toLowerCase() !== token.family.clientId.toLowerCase()) throw new OAuthError(70000);
    checkAlive(token, deps.now());
    const [tenant, user] = await Promise.all([deps.directory.getTenant(data.userTenantId), deps.directory.getUser(data.userTenantId, token.family.userId)]);
    if (tenant === undefined || user === undefined) throw new OAuthError(70000);
    if (!user.accountEnabled) throw new OAuthError(50057);
    // protocol.md §15.2: an assignment removed since the sign-in stops the refresh (AADSTS50105).
    await requireAssignment(deps.directory, tenant.id, client.clientId, user);
    // §5.2, §10.3: any consented resource; several → the first scope's. Decided before the rotation,
    // so a refused scope does not spend a public client's token.
    const scope = await redemptionScope(deps, params, ctx.endpointVersion, data, tenant, client.clientId, user.id, { multiple: 'first', consentSuberror: true });
    const next = newHandle('rt');
    rotated(await deps.state.refreshTokens.rotate(presentedHandle, next, { clientId: token.family.clientId, data: { ...data } }));
    const signIn: SignInFacts = { methods: data.amr, authTime: data.authTime, sessionId: data.sid, ipAddress: data.ipAddress };
    const response = await userTokenResponse(ctx, {
      client, tenant, user, signIn, scope,
      signInVersion: data.endpointVersion,
      maxAgeRequested: false,
      v1Resource: data.resource,
      refreshToken: () => Promise.resolve(next),
    });
    // protocol.md §4.3 [I]: the token response answers the SPA's origin.
    if (data.platform === 'spa' && origin) ctx.responseHeaders['access-control-allow-origin'] = origin;
    return response;
  },
};
