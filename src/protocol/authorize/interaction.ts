/**
 * What `/authorize` shows first (protocol.md §3.1 "default interaction", `prompt`,
 * `login_hint`, `max_age`): sign the one usable account of the browser session in silently,
 * offer the account picker when several are, or ask for a user name. `prompt=none` never shows
 * a page: no (or several) usable accounts → `login_required` (AADSTS50058) at the redirect URI;
 * the one account signed in without the second factor it needs → `interaction_required` (50076).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../directory/types.js';
import type { AppDeps } from '../../server/deps.js';
import type { SessionAccount } from '../../state/index.js';
import { OAuthError } from '../errors.js';
import { completeSignIn } from './complete.js';
import type { BrowserSession } from './flow.js';
import { showStep } from './pages.js';
import type { AuthorizeRequest } from './request.js';

interface Candidate {
  account: SessionAccount;
  user: User;
}

export async function startInteraction(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest): Promise<FastifyReply> {
  const signedIn = await sessionUsers(deps, browser, authz);
  const usable = signedIn.filter((c) => usableSilently(c, authz, deps.now()));
  if (authz.prompt === 'none') {
    const only = usable.length === 1 ? usable[0] : undefined;
    // The one account asked for is signed in, but without the second factor it needs → 50076.
    const needsMfa = usable.length === 0 && signedIn.filter((c) => usableSilently(c, authz, deps.now(), true)).length === 1;
    if (needsMfa) throw new OAuthError(50076, [authz.appName], { allowRedirect: true });
    if (only === undefined) throw new OAuthError(50058, [], { allowRedirect: true });
    return completeSignIn(request, reply, deps, browser, authz, only.account, only.user);
  }
  if (authz.prompt === 'login') return askUsername(request, reply, deps, browser, authz);
  if (authz.prompt === 'select_account' && signedIn.length > 0) return pick(request, reply, deps, browser, authz, signedIn);
  const only = usable.length === 1 ? usable[0] : undefined;
  if (only !== undefined) return completeSignIn(request, reply, deps, browser, authz, only.account, only.user);
  if (usable.length > 1) return pick(request, reply, deps, browser, authz, usable);
  // The account is known but must authenticate again (max_age, a missing factor): its password.
  const known = signedIn.filter((c) => usableSilently(c, authz, deps.now(), true, true));
  const again = known.length === 1 ? known[0] : undefined;
  if (again !== undefined) {
    const user = { tenantId: again.account.tenantId, id: again.user.id, username: again.user.userPrincipalName };
    return showStep(request, reply, deps, browser, { request: authz, user }, { step: 'password' });
  }
  return askUsername(request, reply, deps, browser, authz);
}

export function askUsername(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest, error?: string, username?: string): Promise<FastifyReply> {
  const prefill = username ?? authz.loginHint;
  return showStep(request, reply, deps, browser, { request: authz }, { step: 'username', ...(prefill !== undefined ? { username: prefill } : {}), ...(error ? { error } : {}) });
}

function pick(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest, candidates: Candidate[]): Promise<FastifyReply> {
  const accounts = candidates.map((c) => ({ id: c.account.sid, displayName: c.user.displayName, username: c.user.userPrincipalName }));
  return showStep(request, reply, deps, browser, { request: authz }, { step: 'pick', accounts });
}

/** The session's accounts this request may use: the path's tenant (if any), enabled users. */
export async function sessionUsers(deps: AppDeps, browser: BrowserSession, authz: AuthorizeRequest): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const account of browser.session.accounts) {
    if (authz.tenantId !== null && account.tenantId !== authz.tenantId) continue;
    const user = await deps.directory.getUser(account.tenantId, account.userId);
    if (user === undefined || !user.accountEnabled) continue;
    out.push({ account, user });
  }
  return out;
}

/** `login_hint` names the account; `max_age` bounds its age; an MFA user needs an MFA sign-in. */
function usableSilently(candidate: Candidate, authz: AuthorizeRequest, now: Date, ignoreMfa = false, ignoreAge = false): boolean {
  const { account, user } = candidate;
  if (authz.loginHint !== undefined && user.userPrincipalName.toLowerCase() !== authz.loginHint.trim().toLowerCase()) return false;
  if (!ignoreAge && authz.maxAge !== undefined && now.getTime() - account.authTime.getTime() > authz.maxAge * 1000) return false;
  if (!ignoreMfa && (user.mfa.required || user.mfa.registered) && !account.amr.includes('mfa')) return false;
  return true;
}
