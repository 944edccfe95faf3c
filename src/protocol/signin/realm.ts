/**
 * Home-realm discovery at the user-name step (protocol.md §2.1–2.2): which directory an account
 * name belongs to, under the authority the request used and the app's `signInAudience`.
 * - A tenant in the path: the user must be in that tenant (AADSTS50034 when no such account;
 *   AADSTS50020 when the name belongs to another tenant's directory).
 * - `common` / `organizations` / `consumers`: the tenant owning the name's domain.
 * Only the AADSTS line reaches the page; an unknown user and an unknown domain look the same.
 */
import type { Directory } from '../../directory/directory.js';
import type { Application, Tenant, User } from '../../directory/types.js';
import { OAuthError } from '../errors.js';
import type { AuthorizeRequest } from '../authorize/request.js';

export async function findSignInUser(directory: Directory, request: AuthorizeRequest, app: Application, username: string): Promise<{ user: User; tenant: Tenant }> {
  const name = username.trim();
  const domain = name.includes('@') ? name.slice(name.lastIndexOf('@') + 1).toLowerCase() : '';
  const home = domain === '' ? undefined : await directory.findTenantByDomain(domain);
  if (request.tenantId !== null) {
    const tenant = await directory.getTenant(request.tenantId);
    const user = tenant === undefined ? undefined : await directory.getUser(tenant.id, name);
    if (tenant !== undefined && user !== undefined) return { user, tenant };
    if (home !== undefined && home.id !== request.tenantId && (await directory.getUser(home.id, name)) !== undefined) {
      throw new OAuthError(50020, [name.slice(0, 200), home.id, request.tenantId, app.displayName, app.appId]);
    }
    throw new OAuthError(50034, [name.slice(0, 200)]);
  }
  const user = home === undefined ? undefined : await directory.getUser(home.id, name);
  if (home === undefined || user === undefined) throw new OAuthError(50034, [name.slice(0, 200)]);
  checkAudience(request, app, home, name);
  return { user, tenant: home };
}

/** protocol.md §2.2, §15.2: the account type must suit the alias and the app's audience. */
function checkAudience(request: AuthorizeRequest, app: Application, tenant: Tenant, name: string): void {
  const personal = tenant.kind === 'consumers';
  if (personal && (request.alias === 'organizations' || app.signInAudience === 'AzureADMultipleOrgs' || app.signInAudience === 'AzureADMyOrg')) {
    throw new OAuthError(500200, [name.slice(0, 200), app.displayName]);
  }
  if (!personal && request.alias === 'consumers') throw new OAuthError(50034, [name.slice(0, 200)]);
  if (app.signInAudience === 'AzureADMyOrg' && tenant.id !== app.tenantId) {
    throw new OAuthError(50020, [name.slice(0, 200), tenant.id, app.tenantId, app.displayName, app.appId]);
  }
}
