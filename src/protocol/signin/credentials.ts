/**
 * Sign-in steps that check credentials: the password (AADSTS50126 wrong, AADSTS50053 locked out
 * after signin/lockout.ts's threshold, AADSTS50057 disabled — told only after a correct password)
 * and the TOTP second factor (RFC 6238 via otpauth; `amr` ['pwd','mfa']). A passed sign-in is
 * recorded in the browser session (protocol state only; nothing in the directory).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import { completeSignIn } from '../authorize/complete.js';
import type { BrowserSession, FlowState } from '../authorize/flow.js';
import { showStep } from '../authorize/pages.js';
import { OAuthError } from '../errors.js';
import { isLockedOut, recordFailure, recordSuccess } from './lockout.js';


export async function passwordStep(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: FlowState, password: string | undefined): Promise<FastifyReply> {
  const user = await flowUser(deps, flow);
  const again = (error: string) => showStep(request, reply, deps, browser, { request: flow.request, user: flow.user }, { step: 'password', error });
  if (await isLockedOut(deps.state, user.tenantId, user.id)) return again(new OAuthError(50053).aadstsLine);
  if (!password || !(await deps.directory.verifyPassword(user.id, password))) {
    const locked = await recordFailure(deps.state, user.tenantId, user.id);
    return again((locked ? new OAuthError(50053) : new OAuthError(50126)).aadstsLine);
  }
  await recordSuccess(deps.state, user.tenantId, user.id);
  if (!user.accountEnabled) return again(new OAuthError(50057).aadstsLine);
  if (user.mfa.required || user.mfa.registered) {
    return showStep(request, reply, deps, browser, { request: flow.request, user: flow.user, amr: ['pwd'] }, { step: 'mfa' });
  }
  return signedIn(request, reply, deps, browser, flow, user, ['pwd']);
}

export async function mfaStep(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: FlowState, otc: string | undefined): Promise<FastifyReply> {
  const user = await flowUser(deps, flow);
  if (!flow.amr?.includes('pwd')) throw new OAuthError(90023);
  const again = (error: string) => showStep(request, reply, deps, browser, { request: flow.request, user: flow.user, amr: flow.amr }, { step: 'mfa', error });
  if (await isLockedOut(deps.state, user.tenantId, user.id)) return again(new OAuthError(50053).aadstsLine);
  const secret = await deps.directory.getTotpSecret(user.id);
  if (secret === null) throw new OAuthError(50076, [flow.request.appName]);
  const valid = typeof otc === 'string' && /^\d{6}$/.test(otc) && (await totpMatches(secret, otc));
  if (!valid) {
    const locked = await recordFailure(deps.state, user.tenantId, user.id);
    return again((locked ? new OAuthError(50053) : new OAuthError(50074)).aadstsLine);
  }
  await recordSuccess(deps.state, user.tenantId, user.id);
  return signedIn(request, reply, deps, browser, flow, user, ['pwd', 'mfa']);
}

/** RFC 6238 with one step of clock skew either way. otpauth loads on the first code: start-up does not wait for it. */
async function totpMatches(secret: string, otc: string): Promise<boolean> {
  const { Secret, TOTP } = await import('otpauth');
  return new TOTP({ secret: Secret.fromBase32(secret) }).validate({ token: otc, window: 1 }) !== null;
}

async function flowUser(deps: AppDeps, flow: FlowState): Promise<User> {
  if (flow.user === undefined) throw new OAuthError(90023);
  const user = await deps.directory.getUser(flow.user.tenantId, flow.user.id);
  if (user === undefined) throw new OAuthError(50034, [flow.user.username]);
  return user;
}

async function signedIn(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: FlowState, user: User, amr: string[]): Promise<FastifyReply> {
  const account = await deps.state.sessions.addAccount(browser.handle, { tenantId: user.tenantId, userId: user.id, authTime: deps.now(), amr, clientId: flow.request.clientId });
  if (account === undefined) throw new OAuthError(90023, [], { cause: 'browser session ended during sign-in' });
  return completeSignIn(request, reply, deps, browser, flow.request, account, user);
}
