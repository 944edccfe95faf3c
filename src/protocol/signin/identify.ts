/**
 * Sign-in steps that decide who signs in: the user-name step (home-realm discovery,
 * signin/realm.ts) and the account picker. Errors of the user-name step are shown on the page
 * (the AADSTS line only: nothing about why the name failed beyond Entra's code).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { completeSignIn } from '../authorize/complete.js';
import type { BrowserSession, FlowState } from '../authorize/flow.js';
import { askUsername, sessionUsers } from '../authorize/interaction.js';
import { showStep } from '../authorize/pages.js';
import { OAuthError } from '../errors.js';
import { USE_ANOTHER_ACCOUNT } from '../../web/pages/fields.js';
import { findSignInUser } from './realm.js';

export async function usernameStep(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: FlowState, username: string | undefined): Promise<FastifyReply> {
  const name = (username ?? '').trim().slice(0, 256);
  if (name === '') return askUsername(request, reply, deps, browser, flow.request, 'Enter a valid email address, phone number, or Skype name.');
  const app = await deps.directory.getApplicationByAppId(flow.request.clientId);
  if (app === undefined) throw new OAuthError(700016, [flow.request.clientId, flow.request.tenantSegment]);
  try {
    const { user, tenant } = await findSignInUser(deps.directory, flow.request, app, name);
    return showStep(request, reply, deps, browser, { request: flow.request, user: { tenantId: tenant.id, id: user.id, username: user.userPrincipalName } }, { step: 'password' });
  } catch (error) {
    if (error instanceof OAuthError) return askUsername(request, reply, deps, browser, flow.request, error.aadstsLine, name);
    throw error;
  }
}

export async function pickStep(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, browser: BrowserSession, flow: FlowState, picked: string | undefined): Promise<FastifyReply> {
  if (picked === USE_ANOTHER_ACCOUNT || picked === undefined) return askUsername(request, reply, deps, browser, flow.request);
  const candidate = (await sessionUsers(deps, browser, flow.request)).find((c) => c.account.sid === picked);
  if (candidate === undefined) return askUsername(request, reply, deps, browser, flow.request);
  const needsMfa = (candidate.user.mfa.required || candidate.user.mfa.registered) && !candidate.account.amr.includes('mfa');
  const tooOld = flow.request.maxAge !== undefined && deps.now().getTime() - candidate.account.authTime.getTime() > flow.request.maxAge * 1000;
  if (needsMfa || tooOld) {
    const user = { tenantId: candidate.account.tenantId, id: candidate.user.id, username: candidate.user.userPrincipalName };
    return showStep(request, reply, deps, browser, { request: flow.request, user }, { step: 'password' });
  }
  return completeSignIn(request, reply, deps, browser, flow.request, candidate.account, candidate.user);
}
