/** What `tessera consent grant|revoke` changed, as JSON (`--json`) or as lines of text. */
import type { Tenant, User } from '../../directory/types.js';
import { printJson } from '../output.js';
import type { ClientApp } from './targets.js';

/** Delegated permissions of one grant that were added or removed. */
export interface DelegatedChange {
  resourceAppId: string;
  resource: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  userPrincipalName: string | null;
  scopes: string[];
}

/** Application permissions (app role assignments of the client) added or removed on one resource. */
export interface ApplicationChange {
  resourceAppId: string;
  resource: string;
  roles: string[];
}

/** The whole change of one command. */
export interface ConsentChange {
  tenantId: string;
  clientAppId: string;
  client: string;
  delegated: DelegatedChange[];
  application: ApplicationChange[];
}

/** An empty change for `app` in `tenant`. */
export function emptyChange(tenant: Tenant, app: ClientApp): ConsentChange {
  return { tenantId: tenant.id, clientAppId: app.appId, client: app.displayName, delegated: [], application: [] };
}

/** The grant's principal as a change reports it. */
export function principalOf(user: User | null): Pick<DelegatedChange, 'consentType' | 'principalId' | 'userPrincipalName'> {
  return user === null ? { consentType: 'AllPrincipals', principalId: null, userPrincipalName: null } : { consentType: 'Principal', principalId: user.id, userPrincipalName: user.userPrincipalName };
}

/** Prints `change`; `verb` is `Granted` or `Revoked`; `nothing` is the line when it is empty. */
export function printChange(change: ConsentChange, verb: 'Granted' | 'Revoked', json: boolean | undefined, nothing: (who: string) => string): void {
  if (json) return printJson(change);
  const lines = [
    ...change.delegated.map((d) => `  delegated    ${d.resource}: ${d.scopes.join(' ')} (${d.userPrincipalName ?? 'all users'})`),
    ...change.application.map((a) => `  application  ${a.resource}: ${a.roles.join(' ')}`),
  ];
  const who = `${change.client} (${change.clientAppId}) in tenant ${change.tenantId}`;
  if (lines.length === 0) {
    console.log(nothing(who));
    return;
  }
  console.log(`${verb} ${verb === 'Granted' ? 'to' : 'from'} ${who}:`);
  for (const line of lines) console.log(line);
}
