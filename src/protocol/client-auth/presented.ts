/**
 * What the request presents to authenticate the client (protocol.md §4.1): `client_id`, a body
 * secret, an HTTP Basic credential or a client assertion. Pure: form parameters and headers in,
 * one shape out; at most one credential per request (RFC 6749 §2.3).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { OAuthError } from '../errors.js';
import { parseBasicAuthorization, type BasicCredentials } from './basic.js';

export interface PresentedCredentials {
  /** `client_id` from the body, when sent. */
  clientIdParam: string | undefined;
  basic: BasicCredentials | null;
  /** `client_secret` from the body. */
  secret: string | undefined;
  assertion: { type: string | undefined; value: string } | undefined;
}

/**
 * @throws OAuthError AADSTS9002313 when more than one credential is presented, or when the body's
 * `client_id` differs from the Basic credential's; AADSTS50012 for a malformed Basic header.
 */
export function readPresentedCredentials(params: Readonly<Record<string, string>>, headers: IncomingHttpHeaders): PresentedCredentials {
  const basic = parseBasicAuthorization(headers.authorization);
  const presented: PresentedCredentials = {
    clientIdParam: nonEmpty(params.client_id),
    basic,
    secret: nonEmpty(params.client_secret),
    assertion: nonEmpty(params.client_assertion) === undefined ? undefined : { type: nonEmpty(params.client_assertion_type), value: params.client_assertion as string },
  };
  const count = Number(basic !== null) + Number(presented.secret !== undefined) + Number(presented.assertion !== undefined);
  // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
  if (count > 1) throw new OAuthError(9002313, [], { cause: 'more than one client credential presented' });
  if (basic !== null && presented.clientIdParam !== undefined && !sameClientId(basic.clientId, presented.clientIdParam)) {
    throw new OAuthError(9002313, [], { cause: 'client_id differs from the HTTP Basic client id' });
  }
  return presented;
}

/** Does the request carry any client credential? */
export function hasCredential(presented: PresentedCredentials): boolean {
  return presented.basic !== null || presented.secret !== undefined || presented.assertion !== undefined;
}

/** Client ids are GUIDs, compared case-insensitively. */
export function sameClientId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
