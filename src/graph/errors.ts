/**
 * Graph's OData error (graph.md §1.7): one class, one catalog of the code/message pairs we send,
 * and one serializer. Throw sites stay one line (`throw graphErrors.requestDenied()`); internal
 * detail goes only in `cause`, which is logged and never sent.
 */
import type { FastifyReply } from 'fastify';
import { GRAPH_APP_ID } from '../directory/graph-catalog.js';
import { noteErrorCode } from '../server/request-log.js';
import { applyGraphHeaders, type GraphIds } from './headers.js';

/** An error Graph sends as `{"error":{"code","message","innerError":{…}}}`. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GraphError';
    this.status = status;
    this.code = code;
  }
}

const TOKEN = 'InvalidAuthenticationToken';

/** Every error the Graph surface sends, with Graph's exact wording where known (graph.md §1.7, §4.3). */
export const graphErrors = {
  emptyToken: () => new GraphError(401, TOKEN, 'Access token is empty.'),
  // graph.md §1.7: the newer wording of the non-JWT case (older: -2147184105).
  compactToken: () => new GraphError(401, TOKEN, 'CompactToken parsing failed with error code: 80049217'),
  tokenLifetime: () => new GraphError(401, TOKEN, 'Access token has expired or is not yet valid.'),
  invalidAudience: () => new GraphError(401, TOKEN, 'Access token validation failure. Invalid audience.'),
  tokenValidation: (cause?: unknown) => new GraphError(401, TOKEN, 'Access token validation failure.', { cause }),
  identityNotFound: () =>
    new GraphError(401, 'Authorization_IdentityNotFound', 'The identity of the calling application could not be established.'),
  requestDenied: () => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  meRequiresDelegated: () => new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.'),
  segmentNotFound: (segment: string) => new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  // DEVIATION: a real Graph path Tessera does not serve yet. Graph itself never says this; a 404
  // tells SDKs the call failed without pretending the URL is malformed.
  notServed: (path: string) => new GraphError(404, 'ResourceNotFound', `Tessera does not serve '${path}' yet.`),
  methodNotAllowed: () => new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  resourceNotFound: (id: string) =>
    new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  invalidObjectId: (id: string) => new GraphError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`),
  unknownProperty: (name: string, type: string) =>
    new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${type}'.`),
  countNotSupported: () => new GraphError(400, 'Request_BadRequest', '$count is not currently supported.'),
  // graph.md §1.5: /users accepts 1..999. [?] wording seen in directory answers.
  invalidPageSize: (value: string) =>
    new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`),
  // [?] Graph's wording for a damaged skip token is not recorded (graph.md §5).
  invalidPageToken: () => new GraphError(400, 'Request_BadRequest', 'The specified page token value has expired or is invalid.'),
  unsupportedQuery: (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message),
  badRequest: (message: string) => new GraphError(400, 'BadRequest', message),
  // Request bodies (PATCH, graph.md §1.2: Content-Type: application/json).
  // [seen] Graph's answer to a missing/unparsable JSON body (microsoftgraph/nodejs-connect-rest-sample#53).
  unreadableJson: (cause?: unknown) =>
    new GraphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', { cause }),
  // [?] Graph's status and wording for a non-JSON body are not recorded (graph.md §5); 415 as RFC 9110 §15.5.16.
  unsupportedMediaType: (type: string) =>
    new GraphError(415, 'UnsupportedMediaType', `The content type '${type}' is not supported. Send the body as 'Content-Type: application/json'.`),
  // [?] directory wordings for PATCH bodies (graph.md §1.7 Request_BadRequest family).
  invalidProperty: (name: string) => new GraphError(400, 'Request_BadRequest', `Invalid property '${name}'.`),
  readOnlyProperty: (name: string) => new GraphError(400, 'Request_BadRequest', `Property '${name}' is read-only and cannot be set.`),
  invalidPropertyValue: (name: string, resource: string) =>
    new GraphError(400, 'Request_BadRequest', `Invalid value specified for property '${name}' of resource '${resource}'.`),
  // [?] OData's reader message for a value of the wrong JSON type.
  wrongValueType: (literal: string, edmType: string) => new GraphError(400, 'BadRequest', `Cannot convert the literal '${literal}' to the expected type '${edmType}'.`),
  directoryRequest: (message: string) => new GraphError(400, 'Request_BadRequest', message),
  // DEVIATION: a writable Graph property Tessera has no storage for; refusing beats dropping it silently.
  propertyNotStored: (name: string) => new GraphError(400, 'Request_BadRequest', `Tessera does not store the property '${name}' yet.`),
  internal: (cause: unknown) => new GraphError(500, 'UnknownError', 'An internal server error occurred.', { cause }),
  // graph.md §1.7: 503 `serviceNotAvailable` is transient; [?] Graph's exact message is not recorded.
  serviceNotAvailable: (cause?: unknown) =>
    new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the interval in the Retry-After header.', { cause }),
} as const;

// spec/clients.md item 20: 429/503 carry Retry-After; short, as Graph SDKs wait exactly that long.
const RETRY_AFTER_SECONDS = '1';

/** `innerError.date`: UTC, no fractions, no `Z` (graph.md §1.7). */
export function innerErrorDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

/** The error body, exactly Graph's keys and casing (`innerError`, graph.md §1.7). */
export function graphErrorBody(error: GraphError, ids: GraphIds, now: Date) {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: innerErrorDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
}

/**
 * Send `error`. 401s carry Graph's challenge with our own authorize endpoint (graph.md §1.8); no
 * `error="insufficient_claims"`, which would send SDKs into CAE token refresh loops.
 */
export function sendGraphError(reply: FastifyReply, error: GraphError, ids: GraphIds, now: Date, base: string): FastifyReply {
  noteErrorCode(reply.request, error.code);
  applyGraphHeaders(reply, ids);
  if (error.status === 429 || error.status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  if (error.status === 401) {
    reply.header('www-authenticate', `Bearer realm="", authorization_uri="${base}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`);
  }
  // graph.md §1.3: errors are plain application/json, without the OData parameters (a Buffer,
  // because Fastify would append `; charset=utf-8` to a string).
  const body = Buffer.from(JSON.stringify(graphErrorBody(error, ids, now)), 'utf8');
  return reply.code(error.status).header('content-type', 'application/json').send(body);
}
