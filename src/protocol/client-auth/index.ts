/**
 * Client authentication at the token endpoint (protocol.md §4.1–4.3), shared by every grant:
 * read what the request presents, find the application, verify the one credential with its
 * method's module. Methods: `client-secret.ts` (post and Basic), `client-assertion.ts`
 * (certificates); federated identity credentials plug in next to the certificate path.
 */
import type { Application } from '../../directory/types.js';
import type { ClientCredentials } from '../../directory/directory.js';
import type { ClientAuthClass } from '../../tokens/claims/app-only.js';
import { OAuthError } from '../errors.js';
import type { TokenRequestContext } from '../grants/types.js';
import { issuerV2 } from '../issuers.js';
import { throttled } from '../throttle/throttled.js';
import { decodeClientAssertion, JWT_BEARER_ASSERTION_TYPE, verifyCertificateAssertion } from './client-assertion.js';
import { withBasicChallenge } from './basic.js';
import { verifyClientSecret } from './client-secret.js';
import { hasCredential, readPresentedCredentials, sameClientId, type PresentedCredentials } from './presented.js';

export type ClientAuthMethod = 'none' | 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt';

/** The authenticated (or, for public clients, identified) client of a token request. */
export interface AuthenticatedClient {
  application: Application;
  /** The application's appId, canonical spelling. */
  clientId: string;
  method: ClientAuthMethod;
  /** tokens.md §4.1 `appidacr`/`azpacr`: 0 none, 1 secret, 2 certificate. */
  appidacr: ClientAuthClass;
}

export interface ClientAuthOptions {
  /** No credential → AADSTS7000218 (client credentials, OBO, web-app code redemption). */
  confidentialRequired: boolean;
  /** The grant decided the client is public: a credential → AADSTS700025. */
  publicClient?: boolean;
}

/**
 * @throws OAuthError AADSTS900144 (no client id), AADSTS700016 (unknown app), AADSTS7000218,
 * AADSTS700025, AADSTS9002326 (credential from a browser), each method's failures, and
 * AADSTS50196 (HTTP 429) while failed attempts from this address or for this client are throttled.
 */
export async function authenticateClient(ctx: TokenRequestContext, options: ClientAuthOptions): Promise<AuthenticatedClient> {
  const presented = readPresentedCredentials(ctx.params, ctx.request.headers);
  if (!hasCredential(presented)) return authenticatePresented(ctx, options, presented);
  // Only an attempt that presents a credential can be guessing one (throttle/failure-limiter.ts).
  // An assertion without client_id is counted per address only: its `iss` is not read yet.
  const attempt = { clientId: presented.basic?.clientId ?? presented.clientIdParam, address: ctx.request.ip };
  return throttled(ctx.deps.authFailures, attempt, () => authenticatePresented(ctx, options, presented));
}

async function authenticatePresented(ctx: TokenRequestContext, options: ClientAuthOptions, presented: PresentedCredentials): Promise<AuthenticatedClient> {
  if (hasCredential(presented)) {
    refuseCredentialFromBrowser(ctx);
    if (options.publicClient) throw new OAuthError(700025);
  }
  if (presented.assertion !== undefined) return authenticateWithAssertion(ctx, presented, presented.assertion);

  const clientIdentifier = presented.basic?.clientId ?? presented.clientIdParam;
  if (clientIdentifier === undefined) throw new OAuthError(900144, ['client_id']);
  const credentials = await loadClient(ctx, clientIdentifier);
  const now = ctx.deps.now();
  if (presented.basic !== null) {
    const { clientSecret } = presented.basic;
    await withBasicChallenge(() => verifyClientSecret(credentials, clientSecret, now));
    return authenticated(credentials, 'client_secret_basic', '1');
  }
  if (presented.secret !== undefined) {
    await verifyClientSecret(credentials, presented.secret, now);
    return authenticated(credentials, 'client_secret_post', '1');
  }
  if (options.confidentialRequired) throw new OAuthError(7000218);
  return authenticated(credentials, 'none', '0');
}

async function authenticateWithAssertion(ctx: TokenRequestContext, presented: PresentedCredentials, raw: { type: string | undefined; value: string }): Promise<AuthenticatedClient> {
  if (raw.type === undefined) throw new OAuthError(900144, ['client_assertion_type']);
  if (raw.type !== JWT_BEARER_ASSERTION_TYPE) throw new OAuthError(9002313, [], { cause: 'unsupported client_assertion_type' });
  const assertion = decodeClientAssertion(raw.value);
  const iss = typeof assertion.payload.iss === 'string' ? assertion.payload.iss : undefined;
  const clientIdentifier = presented.clientIdParam ?? iss;
  if (clientIdentifier === undefined) throw new OAuthError(900144, ['client_id']);
  // Spot for workload identity federation (protocol.md §4.2): an assertion whose `iss` is an
  // external IdP, matched against the app's federatedIdentityCredentials, belongs in
  // `federated-credential.ts`, dispatched here before the certificate rules below.
  if (iss === undefined || !sameClientId(iss, clientIdentifier)) throw new OAuthError(700021);
  if (assertion.payload.sub !== iss) throw new OAuthError(50048, [clientIdentifier]);
  const credentials = await loadClient(ctx, clientIdentifier);
  await verifyCertificateAssertion(assertion, credentials, { audiences: assertionAudiences(ctx), now: ctx.deps.now() });
  return authenticated(credentials, 'private_key_jwt', '2');
}

// protocol.md §4.2: `aud` is the token endpoint the client called (the tenant's GUID spelling of
// the same endpoint too) or the tenant's v2 issuer (openid-client's choice).
function assertionAudiences(ctx: TokenRequestContext): string[] {
  const tenant = ctx.tenant.tenant;
  if (tenant === null) return [ctx.tokenEndpointUrl];
  const byId = ctx.tokenEndpointUrl.replace(`${ctx.base}/${ctx.tenant.segment}/`, `${ctx.base}/${tenant.id}/`);
  return [ctx.tokenEndpointUrl, byId, issuerV2(ctx.base, tenant.id)];
}

// protocol.md §4.3: client credentials must never be used from a browser (an `Origin` header).
function refuseCredentialFromBrowser(ctx: TokenRequestContext): void {
  const origin = ctx.request.headers.origin;
  if (origin !== undefined && origin !== '') throw new OAuthError(9002326, [origin.slice(0, 200)]);
}

async function loadClient(ctx: TokenRequestContext, clientIdentifier: string): Promise<ClientCredentials> {
  const credentials = await ctx.deps.directory.getClientCredentials(clientIdentifier);
  if (credentials === undefined) {
    throw new OAuthError(700016, [clientIdentifier.slice(0, 100), ctx.tenant.tenant?.displayName ?? ctx.tenant.segment]);
  }
  return credentials;
}

function authenticated(credentials: ClientCredentials, method: ClientAuthMethod, appidacr: ClientAuthClass): AuthenticatedClient {
  return { application: credentials.application, clientId: credentials.application.appId, method, appidacr };
}
