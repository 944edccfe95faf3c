/**
 * Pending authorization requests ("flows") and the browser session (design.md "Front channel and
 * protocol state"). A flow is a short-lived state entry named by an opaque handle: the pages
 * carry only that handle (`flow` field), never the request itself, so a client cannot tamper
 * with what it asked for between steps. Each step that learns something (who the user is, which
 * factors passed) stores a new flow entry and drops nothing: entries are immutable and expire
 * with the session lifetime. Flow entries reuse the session store (a session row whose data is
 * the flow); they hold no accounts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { newHandle, type Session } from '../../state/index.js';
import { parseCookies, sessionCookie, sessionCookieName } from '../../web/cookies.js';
import { createCsrfToken, verifyCsrfToken } from '../../web/csrf.js';
import { OAuthError } from '../errors.js';
import type { AuthorizeRequest } from './request.js';

export type FlowStep = 'username' | 'password' | 'mfa' | 'pick' | 'consent' | 'approval';

export interface FlowState {
  kind: 'authorize-flow';
  step: FlowStep;
  request: AuthorizeRequest;
  /** Set once the user name is known (password / mfa / consent steps). */
  user?: { tenantId: string; id: string; username: string };
  /** Factors passed so far, e.g. ['pwd']. */
  amr?: string[];
}

export async function createFlow(deps: AppDeps, state: Omit<FlowState, 'kind'>): Promise<string> {
  const handle = newHandle('ss');
  await deps.state.sessions.create(handle, { kind: 'authorize-flow', ...state } as unknown as Record<string, unknown>);
  return handle;
}

/** The flow named by the form, or the "form expired" page (AADSTS90023). */
export async function loadFlow(deps: AppDeps, handle: unknown): Promise<FlowState> {
  if (typeof handle !== 'string' || !/^ss1\.[A-Za-z0-9_-]{43}$/.test(handle)) throw new OAuthError(90023);
  const entry = await deps.state.sessions.get(handle);
  const data = entry?.data as Partial<FlowState> | undefined;
  if (data?.kind !== 'authorize-flow' || data.request === undefined || data.step === undefined) throw new OAuthError(90023);
  return data as FlowState;
}

/** The browser session: the cookie's live session, or a new pre-authentication one. */
export interface BrowserSession {
  handle: string;
  session: Session;
}

export async function browserSession(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<BrowserSession> {
  const existing = await currentBrowserSession(request, deps);
  if (existing !== undefined) return existing;
  const handle = newHandle('ss');
  await deps.state.sessions.create(handle, { kind: 'browser' });
  reply.header('set-cookie', sessionCookie(handle, cookieOptions(deps)));
  const session = await deps.state.sessions.get(handle);
  if (session === undefined) throw new Error('session vanished right after creation');
  return { handle, session };
}

export async function currentBrowserSession(request: FastifyRequest, deps: AppDeps): Promise<BrowserSession | undefined> {
  const handle = parseCookies(request.headers.cookie).get(sessionCookieName(cookieOptions(deps)));
  if (handle === undefined || !/^ss1\.[A-Za-z0-9_-]{43}$/.test(handle)) return undefined;
  const session = await deps.state.sessions.get(handle);
  if (session === undefined || (session.data as { kind?: string }).kind !== 'browser') return undefined;
  return { handle, session };
}

function cookieOptions(deps: AppDeps) {
  return { secure: deps.tls !== null, pathPrefix: deps.urls.pathPrefix };
}

/** CSRF token of a flow's form: bound to the browser session and to this flow (web/csrf.ts). */
export function flowCsrf(deps: AppDeps, browser: BrowserSession, flow: string): string {
  return createCsrfToken(deps.secrets.csrf, { sessionId: browser.handle, purpose: `authorize:${flow}` });
}

/** Refuses a POST whose CSRF token is not this browser's for this flow (AADSTS90023 page). */
export function checkFlowCsrf(deps: AppDeps, browser: BrowserSession | undefined, flow: string, token: unknown): asserts browser is BrowserSession {
  if (browser === undefined || !verifyCsrfToken(deps.secrets.csrf, { sessionId: browser.handle, purpose: `authorize:${flow}` }, token)) {
    throw new OAuthError(90023, [], { cause: 'CSRF token missing or not valid for this browser session and flow' });
  }
}
