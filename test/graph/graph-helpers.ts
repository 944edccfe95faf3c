// Shared steps of the Graph tests: boot Tessera with graph.config.ts, get app-only tokens from
// the real token endpoint, mint tokens with Tessera's own signing key (claims no flow issues
// yet: delegated users, broken issuers) or with a throwaway key, and call Graph over HTTPS.
import assert from 'node:assert/strict';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { bootTessera, postForm } from '../helpers/tessera.js';
import { CONTOSO, environment, GRAPH, SECRET } from './graph.config.js';

export type Tessera = Awaited<ReturnType<typeof bootTessera>>;

export function bootGraphTessera(): Promise<Tessera> {
  return bootTessera({ environment });
}

/** An app-only Graph token from the v2 token endpoint (client credentials, scenario 001 step 4). */
export async function appToken(tessera: Tessera, clientId: string, options: { tenant?: string; scope?: string } = {}): Promise<string> {
  const response = await postForm(`${tessera.url}/${options.tenant ?? CONTOSO}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: SECRET,
    scope: options.scope ?? 'https://graph.microsoft.com/.default',
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.access_token as string;
}

/** The claims of a v1 Graph token as Tessera issues them, for `tenant`, valid for an hour. */
export function graphClaims(tessera: Tessera, claims: JWTPayload = {}, tenant = CONTOSO): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { aud: 'https://graph.microsoft.com', iss: `${tessera.url}/${tenant}/`, iat: now - 300, nbf: now - 300, exp: now + 3600, tid: tenant, ver: '1.0', ...claims };
}

/** A token signed by Tessera's active key (what the token service would sign). */
export function tesseraSigned(tessera: Tessera, claims: JWTPayload): Promise<string> {
  return tessera.keys.signJwt(claims, { x5t: true });
}

/** A well-formed RS256 token signed by a key Tessera never published. */
export async function throwawaySigned(claims: JWTPayload, kid = 'throwaway'): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid }).sign(privateKey);
}

export interface GraphResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

/** GET (or `method`) a Graph URL: a path below the host root or an absolute URL (nextLinks). */
export async function callGraph(tessera: Tessera, pathOrUrl: string, token: string | null, headers: Record<string, string> = {}, method = 'GET'): Promise<GraphResponse> {
  const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${tessera.url}${pathOrUrl}`;
  const response = await fetch(url, { method, headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text !== '' && (response.headers.get('content-type') ?? '').startsWith('application/json')) body = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, text, body };
}

export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Graph's success headers (graph.md §1.3). */
export function assertGraphSuccess(response: GraphResponse, status = 200): void {
  assert.equal(response.status, status, response.text);
  assert.equal(response.headers.get('content-type'), GRAPH_JSON);
  assert.equal(response.headers.get('odata-version'), '4.0');
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.match(response.headers.get('request-id') ?? '', GUID);
}

/** Graph's exact error body and headers (graph.md §1.7, §1.8). */
export function assertGraphError(response: GraphResponse, status: number, code: string, message: string | RegExp): void {
  assert.equal(response.status, status, response.text);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const requestId = response.headers.get('request-id') ?? '';
  assert.match(requestId, GUID);
  const error = (response.body as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
  assert.deepEqual(Object.keys(response.body), ['error']);
  assert.deepEqual(Object.keys(error), ['code', 'message', 'innerError']);
  assert.equal(error.code, code);
  if (typeof message === 'string') assert.equal(error.message, message);
  else assert.match(error.message, message);
  assert.deepEqual(Object.keys(error.innerError), ['date', 'request-id', 'client-request-id']);
  assert.match(error.innerError.date as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(error.innerError['request-id'], requestId);
  assert.equal(error.innerError['client-request-id'], response.headers.get('client-request-id'));
  if (status === 401) {
    assert.match(
      response.headers.get('www-authenticate') ?? '',
      new RegExp(`^Bearer realm="", authorization_uri="https://localhost:\\d+/common/oauth2/authorize", client_id="${GRAPH}"$`),
    );
  } else {
    assert.equal(response.headers.get('www-authenticate'), null);
  }
}
