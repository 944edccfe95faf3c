/**
 * The grant contract (shared/style.md convention 2, oidc-provider's grants): each grant file
 * exports `{ grantType, parameters, handle }`; the token endpoint dispatches over a Map keyed by
 * the exact wire `grant_type`.
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import type { TenantContext } from '../tenant-context.js';

export interface TokenRequestContext {
  request: FastifyRequest;
  /** Form parameters, one string each (duplicates were refused by the endpoint). */
  params: Readonly<Record<string, string>>;
  tenant: TenantContext;
  /** `v2` for `/oauth2/v2.0/token`, `v1` for `/oauth2/token` (v1 spellings and response fields). */
  endpointVersion: 'v1' | 'v2';
  /** The exact URL of the token endpoint the client called (client assertions' `aud`). */
  tokenEndpointUrl: string;
  /** Issuer base for this request (`https://host:port[/prefix]`). */
  base: string;
  deps: AppDeps;
  /** Headers the grant adds to its success response (SPA CORS, protocol.md §4.3). */
  responseHeaders: Record<string, string>;
}

/** A JSON token response; v2 numbers are numbers, v1 numbers are strings (protocol.md §11). */
export type TokenResponse = Record<string, string | number>;

export interface Grant {
  /** Exact wire value(s) of `grant_type`. */
  grantType: readonly string[];
  /** Parameters that must be present (AADSTS900144 names the first missing one). */
  parameters: readonly string[];
  handle(ctx: TokenRequestContext): Promise<TokenResponse>;
}
