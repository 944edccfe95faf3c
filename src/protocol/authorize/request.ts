/**
 * The `/authorize` request (protocol.md §3.1–3.3, §9.1), validated in two phases, as Entra does:
 * 1. {@link trustTarget}: client and redirect URI. Until both are trusted, every error is shown
 *    on our error page and never redirected (§3.5: AADSTS700016, 50011, 900971).
 * 2. {@link validateRequest}: everything else; its errors go to the trusted redirect URI in the
 *    request's response mode (`allowRedirect`).
 */
import type { Application } from '../../directory/types.js';
import type { AdminConsentForm } from '../admin-consent/plan.js';
import type { TenantContext } from '../tenant-context.js';
import { parseDelegatedScope } from '../delegated-scopes.js';
import { OAuthError } from '../errors.js';
import { defaultRedirectUri, matchRedirectUri, type RedirectPlatform } from './redirect-uri.js';

export type ResponseMode = 'query' | 'fragment' | 'form_post';
/** protocol.md §3.1; `admin_consent` is v1's (§9.1), accepted on v2 too (§17). */
export type Prompt = 'login' | 'none' | 'consent' | 'select_account' | 'admin_consent';

/** Where errors and results go once the client and redirect URI are trusted. */
export interface AuthorizeTarget {
  clientId: string;
  appName: string;
  redirectUri: string;
  platform: RedirectPlatform;
  responseMode: ResponseMode;
  state: string | undefined;
}

/** A validated request; JSON-only, so it can wait in the flow store (authorize/flow.ts). */
export interface AuthorizeRequest extends AuthorizeTarget {
  endpointVersion: 'v1' | 'v2';
  /** The `{tenant}` segment as sent, and its resolution (null for common/organizations). */
  tenantSegment: string;
  tenantId: string | null;
  alias: 'common' | 'organizations' | 'consumers' | null;
  responseTypes: Array<'code' | 'id_token' | 'token'>;
  scope: string;
  /** v1 `resource` (protocol.md §9.1); null on v2. */
  resource: string | null;
  nonce: string | undefined;
  prompt: Prompt | undefined;
  loginHint: string | undefined;
  domainHint: string | undefined;
  maxAge: number | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  clientInfo: boolean;
  /** `instance_aware=true` (protocol.md §3.1 [L]): the response names the cloud's hosts. */
  instanceAware: boolean;
  /** Set when the sign-in is for `/adminconsent` (protocol.md §6): its page follows, not a code. */
  adminConsent?: AdminConsentForm;
}

export type AuthorizeParams = Record<string, string>;

/** Phase 1 (page errors only). */
export function trustTarget(params: AuthorizeParams, app: Application | undefined, tenant: TenantContext): AuthorizeTarget {
  const clientId = params.client_id;
  if (!clientId) throw new OAuthError(900144, ['client_id']);
  // protocol.md §3.1: unknown client, or a single-tenant app of another tenant → AADSTS700016 page.
  if (app === undefined || (tenant.tenant !== null && app.tenantId !== tenant.tenant.id && app.signInAudience === 'AzureADMyOrg')) {
    throw new OAuthError(700016, [clientId.slice(0, 100), tenant.tenant?.displayName ?? tenant.segment]);
  }
  const registered = { web: app.web.redirectUris, spa: app.spa.redirectUris, publicClient: app.publicClient.redirectUris };
  const requested = params.redirect_uri;
  const match = requested === undefined ? defaultRedirectUri(registered) : matchRedirectUri(requested, registered);
  if (match === null) {
    if (requested === undefined) throw new OAuthError(900971);
    throw new OAuthError(50011, [requested.slice(0, 300), app.appId]);
  }
  const responseTypes = parseResponseTypes(params.response_type ?? 'code');
  return {
    clientId: app.appId,
    appName: app.displayName,
    redirectUri: match.redirectUri,
    platform: match.platform,
    responseMode: isResponseMode(params.response_mode) ? params.response_mode : defaultMode(responseTypes),
    state: params.state,
  };
}

/** Errors after phase 1 may be delivered to the redirect URI. */
const REDIRECT = { allowRedirect: true } as const;

/** Phase 2: the rest of the parameters (redirectable errors). */
export function validateRequest(params: AuthorizeParams, target: AuthorizeTarget, app: Application, tenant: TenantContext, endpointVersion: 'v1' | 'v2'): AuthorizeRequest {
  if (!params.response_type) throw new OAuthError(900144, ['response_type'], REDIRECT);
  const responseTypes = parseResponseTypes(params.response_type);
  if (responseTypes.length === 0) throw new OAuthError(70005, [params.response_type.slice(0, 100)], REDIRECT);
  if (params.response_mode !== undefined && !isResponseMode(params.response_mode)) throw new OAuthError(70007, [app.appId, params.response_mode.slice(0, 50), params.response_type], REDIRECT);
  // protocol.md §3.3: tokens never travel in a query string.
  if (target.responseMode === 'query' && responseTypes.some((t) => t !== 'code')) throw new OAuthError(70007, [app.appId, 'query', params.response_type], REDIRECT);
  if (endpointVersion === 'v2' && params.resource !== undefined) throw new OAuthError(901002, [], REDIRECT);
  const scope = params.scope ?? '';
  if (endpointVersion === 'v2' && scope.trim() === '') throw new OAuthError(900144, ['scope'], REDIRECT);
  checkScope(scope, endpointVersion);
  checkResponseTypes(responseTypes, params, app, scope);
  // protocol.md §2.2: a single-tenant app on common/organizations → AADSTS50194.
  if (tenant.tenant === null && app.signInAudience === 'AzureADMyOrg') throw new OAuthError(50194, [app.displayName, app.appId], REDIRECT);
  const pkce = readPkce(params, target.platform);
  return {
    ...target,
    endpointVersion,
    tenantSegment: tenant.segment,
    tenantId: tenant.tenant?.id ?? null,
    alias: tenant.alias,
    responseTypes,
    scope,
    resource: endpointVersion === 'v1' ? (params.resource ?? null) : null,
    nonce: params.nonce,
    prompt: readPrompt(params.prompt),
    loginHint: params.login_hint || undefined,
    domainHint: params.domain_hint || undefined,
    maxAge: readMaxAge(params.max_age),
    ...pkce,
    clientInfo: params.client_info === '1',
    instanceAware: params.instance_aware === 'true',
  };
}

function parseResponseTypes(value: string): Array<'code' | 'id_token' | 'token'> {
  const parts = value.split(' ').filter((p) => p !== '');
  const out: Array<'code' | 'id_token' | 'token'> = [];
  for (const part of parts) {
    if (part !== 'code' && part !== 'id_token' && part !== 'token') return [];
    if (!out.includes(part)) out.push(part);
  }
  return out;
}

function isResponseMode(value: string | undefined): value is ResponseMode {
  return value === 'query' || value === 'fragment' || value === 'form_post';
}

/** protocol.md §3.2: anything with a token → fragment; `code` alone (or nothing valid) → query. */
function defaultMode(types: ReadonlyArray<string>): ResponseMode {
  return types.includes('id_token') || types.includes('token') ? 'fragment' : 'query';
}

function checkScope(scope: string, endpointVersion: 'v1' | 'v2'): void {
  if (endpointVersion === 'v1') return; // protocol.md §9.1: v1 ignores scope for permissions.
  const parsed = parseDelegatedScope(scope);
  const first = parsed.errors[0];
  if (first !== undefined) throw new OAuthError(first.aadsts, [], { allowRedirect: true, error: first.error });
}

// protocol.md §3.2: `id_token` and `token` only when the app enables them.
function checkResponseTypes(types: ReadonlyArray<string>, params: AuthorizeParams, app: Application, scope: string): void {
  const implicit = app.web.implicitGrantSettings;
  if (types.includes('id_token')) {
    if (!implicit.enableIdTokenIssuance) throw new OAuthError(700054, [], REDIRECT);
    if (!scope.split(' ').includes('openid')) throw new OAuthError(70005, [params.response_type ?? ''], REDIRECT);
    if (!params.nonce) throw new OAuthError(900144, ['nonce'], REDIRECT);
  }
  if (types.includes('token') && !implicit.enableAccessTokenIssuance) throw new OAuthError(70005, [params.response_type ?? ''], REDIRECT);
}

/** RFC 7636 §4.2: 43–128 characters of [A-Za-z0-9-._~]; no method → plain (protocol.md §3.1). */
function readPkce(params: AuthorizeParams, platform: RedirectPlatform): Pick<AuthorizeRequest, 'codeChallenge' | 'codeChallengeMethod'> {
  const challenge = params.code_challenge;
  if (challenge === undefined || challenge === '') {
    // protocol.md §15.3: PKCE is mandatory for SPA redirect URIs.
    if (platform === 'spa') throw new OAuthError(9002324, [], REDIRECT);
    return { codeChallenge: null, codeChallengeMethod: null };
  }
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) throw new OAuthError(501491, [], REDIRECT);
  const method = params.code_challenge_method ?? 'plain';
  if (method !== 'S256' && method !== 'plain') throw new OAuthError(501491, [], REDIRECT);
  return { codeChallenge: challenge, codeChallengeMethod: method };
}

function readPrompt(value: string | undefined): Prompt | undefined {
  return value === 'login' || value === 'none' || value === 'consent' || value === 'select_account' || value === 'admin_consent' ? value : undefined;
}

function readMaxAge(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
