/**
 * The AADSTS catalog (shared/style.md convention 4): code → OAuth `error`, HTTP status, message.
 * Messages are Entra's texts where spec/protocol.md quotes them, our wording otherwise; `{0}`…
 * are filled by the throw site. docs/errors.md documents every entry; a test keeps both in step.
 * Catalog file: exempt from the size rule (one row per code).
 */
export interface AadstsEntry {
  readonly error: string;
  readonly status: number;
  readonly message: string;
}

export const AADSTS = {
  // ── tenant and request shape ─────────────────────────────────────────────────────────
  90002: { error: 'invalid_tenant', status: 400, message: "Tenant '{0}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant." },
  900023: { error: 'invalid_request', status: 400, message: "Specified tenant identifier '{0}' is neither a valid DNS name, nor a valid external domain." },
  50059: { error: 'invalid_request', status: 400, message: 'No tenant-identifying information found in either the request or implied by any provided credentials.' },
  900144: { error: 'invalid_request', status: 400, message: "The request body must contain the following parameter: '{0}'." },
  900561: { error: 'invalid_request', status: 400, message: 'The endpoint only accepts POST, OPTIONS requests. Received a {0} request.' },
  901002: { error: 'invalid_request', status: 400, message: "The 'resource' request parameter isn't supported." },
  70003: { error: 'unsupported_grant_type', status: 400, message: "The app requested an unsupported grant type '{0}'." },
  9002313: { error: 'invalid_request', status: 400, message: 'Invalid request. Request is malformed or invalid.' },
  9002326: { error: 'invalid_request', status: 400, message: "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{0}'." },
  50049: { error: 'invalid_instance', status: 400, message: "Unknown or invalid instance." },
  // ── client ───────────────────────────────────────────────────────────────────────────
  700016: { error: 'unauthorized_client', status: 400, message: "Application with identifier '{0}' was not found in the directory '{1}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant." },
  7000112: { error: 'unauthorized_client', status: 400, message: "Application '{0}'({1}) is disabled." },
  7000215: { error: 'invalid_client', status: 401, message: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{0}'." },
  7000218: { error: 'invalid_client', status: 401, message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  7000222: { error: 'invalid_client', status: 401, message: "The provided client secret keys for app '{0}' are expired. Visit the Azure portal to create new keys for your app." },
  700025: { error: 'invalid_client', status: 401, message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented." },
  700024: { error: 'invalid_client', status: 401, message: 'Client assertion is not within its valid time range. Current time: {0}, assertion valid from {1}, expiry time of assertion {2}.' },
  700027: { error: 'invalid_client', status: 401, message: 'Client assertion contains an invalid signature. {0}' },
  700021: { error: 'invalid_client', status: 401, message: "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ." },
  50027: { error: 'invalid_grant', status: 400, message: 'JWT token is invalid or malformed.' },
  5002741: { error: 'invalid_client', status: 401, message: 'Client assertion contains multiple audiences; only one audience is allowed.' },
  50012: { error: 'invalid_client', status: 401, message: '{0}' },
  50048: { error: 'invalid_client', status: 401, message: "Subject mismatches Issuer claim in the client assertion for application '{0}'. Ensure that the client assertion has the same value for the 'sub' and 'iss' claims." },
  // Entra: 429 + Retry-After for throttled client-credential calls (MSAL.NET "client and server
  // throttling"); 50196 is its throttling code for user-facing calls (protocol.md §12.4).
  50196: { error: 'invalid_request', status: 429, message: 'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.' },
  700023: { error: 'invalid_client', status: 401, message: "Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ." },
  // ── scope and resource ───────────────────────────────────────────────────────────────
  70011: { error: 'invalid_scope', status: 400, message: "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {0} is not valid." },
  700022: { error: 'invalid_scope', status: 400, message: 'The provided value for the input parameter scope is not valid because it contains more than one resource. Scope {0} is not valid.' },
  28003: { error: 'invalid_scope', status: 400, message: 'Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope.' },
  1002012: { error: 'invalid_scope', status: 400, message: "The provided value for scope {0} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)." },
  500011: { error: 'invalid_resource', status: 400, message: "The resource principal named {0} was not found in the tenant named {1}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant." },
  501051: { error: 'invalid_grant', status: 400, message: "Application '{0}'({1}) is not assigned to a role for the application '{2}'({3})." },
  // ── front channel: /authorize, sign-in, consent (protocol.md §3, §12.4, §14) ─────────
  50011: { error: 'invalid_request', status: 400, message: "The redirect URI '{0}' specified in the request does not match the redirect URIs configured for the application '{1}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal." },
  900971: { error: 'invalid_request', status: 400, message: 'No reply address provided.' },
  70007: { error: 'invalid_request', status: 400, message: "The application '{0}' asked for response_mode '{1}', which is not supported for response_type '{2}'." },
  700054: { error: 'unsupported_response_type', status: 400, message: "response_type 'id_token' is not enabled for the application." },
  70005: { error: 'unsupported_response_type', status: 400, message: "response_type '{0}' is not enabled for the client or is not valid for the requested scopes." },
  501491: { error: 'invalid_request', status: 400, message: 'Invalid size of Code_Challenge parameter.' },
  9002324: { error: 'invalid_request', status: 400, message: 'Proof Key for Code Exchange is required for this client type (code_challenge is missing).' },
  90023: { error: 'invalid_request', status: 400, message: 'The sign-in form was not valid or has expired. Start the sign-in again from the application.' },
  50034: { error: 'invalid_grant', status: 400, message: "The user account {0} does not exist in the directory. To sign into this application, the account must be added to the directory." },
  50126: { error: 'invalid_grant', status: 400, message: 'Error validating credentials due to invalid username or password.' },
  50057: { error: 'invalid_grant', status: 400, message: 'The user account is disabled.' },
  // protocol.md §12.4, §15.2: `appRoleAssignmentRequired` and the user holds no assignment (an error page at /authorize).
  50105: { error: 'invalid_grant', status: 400, message: "Your administrator has configured the application {0} ('{1}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '{2}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application." },
  50053: { error: 'invalid_grant', status: 400, message: "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password." },
  50074: { error: 'invalid_grant', status: 400, message: 'Strong authentication is required and the verification code was not valid.' },
  50194: { error: 'invalid_request', status: 400, message: "Application '{0}'({1}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant." },
  50020: { error: 'invalid_request', status: 400, message: "User account '{0}' from identity provider '{1}' does not exist in tenant '{2}' and cannot access the application '{3}'({4}) in that tenant. The account needs to be added as an external user in the tenant first." },
  500200: { error: 'invalid_request', status: 400, message: "User account '{0}' is a personal Microsoft account. Personal Microsoft accounts are not supported for application '{1}'." },
  50058: { error: 'login_required', status: 400, message: 'A silent sign-in request was sent but no user is signed in.' },
  50076: { error: 'interaction_required', status: 400, message: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{0}'." },
  65001: { error: 'consent_required', status: 400, message: "The user or administrator has not consented to use the application with ID '{0}' named '{1}'. Send an interactive authorization request for this user and resource." },
  65004: { error: 'access_denied', status: 400, message: 'User declined to consent to access the app.' },
  90094: { error: 'consent_required', status: 400, message: "The grant requires admin permission. '{0}' needs permission to access resources in your organization that only an admin can grant." },
  // ── authorization_code at /token (protocol.md §5.1) ───────────────────────────────────
  70000: { error: 'invalid_grant', status: 400, message: 'The provided authorization code or refresh token is invalid or was issued to another client.' },
  70008: { error: 'invalid_grant', status: 400, message: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.' },
  54005: { error: 'invalid_grant', status: 400, message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.' },
  700005: { error: 'invalid_grant', status: 400, message: 'Provided Authorization Code is intended to use against other tenant, thus rejected.' },
  500112: { error: 'invalid_grant', status: 400, message: "The reply address '{0}' does not match the reply address '{1}' provided when requesting Authorization code." },
  501481: { error: 'invalid_grant', status: 400, message: "The Code_Verifier doesn't match the code_challenge supplied in the authorization request." },
  9002325: { error: 'invalid_request', status: 400, message: 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.' },
  9002327: { error: 'invalid_request', status: 400, message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests." },
  // ── refresh_token at /token (protocol.md §5.2, tokens.md §10.2) ─────────────────────────
  700082: { error: 'invalid_grant', status: 400, message: 'The refresh token has expired due to inactivity. The token was inactive for longer than the refresh-token inactivity window (90 days).' },
  700084: { error: 'invalid_grant', status: 400, message: 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.' },
  50173: { error: 'invalid_grant', status: 400, message: 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password, or their sign-in sessions were revoked.' },
  // ── admin consent (protocol.md §6, §2.2) ───────────────────────────────────────────────
  90130: { error: 'invalid_request', status: 400, message: "Application '{0}' is not supported over the /{1} endpoint. Please use the /organizations or tenant-specific endpoint." },
  650052: { error: 'invalid_client', status: 400, message: "The app needs access to a service ('{0}') that your organization '{1}' has not subscribed to or enabled. Contact your IT Admin to review the configuration of your service subscriptions." },
  // ── server ───────────────────────────────────────────────────────────────────────────
  90000: { error: 'server_error', status: 500, message: 'An unexpected error occurred.' },
  // Entra's ExternalServerRetryableError; protocol.md §3/§12.2 list `temporarily_unavailable` without a
  // code. Sent while the database is away or the node is draining, always with Retry-After.
  90006: { error: 'temporarily_unavailable', status: 503, message: 'The service is temporarily unavailable. Please try again shortly.' },
} as const satisfies Record<number, AadstsEntry>;

export type AadstsCode = keyof typeof AADSTS;
