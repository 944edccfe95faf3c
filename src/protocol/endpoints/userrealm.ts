/**
 * Home-realm discovery, `GET /common/userrealm/{upn}?api-version=1.0|2.0`: which kind of
 * account a user name belongs to, asked by MSAL for Python before every password grant
 * (spec/clients.md, first-party.md §4: `account_type` `Federated` switches it to WS-Trust, any
 * other value to a plain ROPC) and by MSAL.NET (`UserRealmDiscoveryResponse`). Field names are
 * Entra's: v1 `ver, account_type, domain_name, cloud_instance_name, cloud_audience_urn` (MSAL.NET
 * `UserRealmDiscoveryResponse`, msal-python `authority.user_realm_discovery`); v2
 * `NameSpaceType, Login, DomainName, FederationBrandName, TenantBrandingInfo, cloud_instance_name`
 * (as `getuserrealm.srf` answers). Tessera never federates, so the answer is `Managed` (a
 * verified domain of one of its tenants), `MSA` (a personal account) or `Unknown`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSUMERS_TENANT_ID } from '../../directory/graph-catalog.js';
import type { AppDeps } from '../../server/deps.js';
import { OAuthError } from '../errors.js';

type AccountType = 'Managed' | 'MSA' | 'Unknown';

// The Microsoft account domains Entra answers `MSA` for whoever asks (no directory lookup).
const MSA_DOMAINS: ReadonlySet<string> = new Set(['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com']);
// MSAL's own default (msal-python application.py), what Entra sends for its public cloud.
const CLOUD_AUDIENCE_URN = 'urn:federation:MicrosoftOnline';

interface Realm {
  accountType: AccountType;
  /** The UPN's domain as registered (`contoso.onmicrosoft.com`); `live.com` for MSA; null when unknown. */
  domainName: string | null;
  brandName: string | null;
}

async function resolveRealm(deps: AppDeps, upn: string): Promise<Realm> {
  const at = upn.lastIndexOf('@');
  const domain = at < 0 ? '' : upn.slice(at + 1).toLowerCase();
  if (domain === '') return { accountType: 'Unknown', domainName: null, brandName: null };
  const tenant = await deps.directory.findTenantByDomain(domain);
  if (tenant !== undefined && tenant.id !== CONSUMERS_TENANT_ID) return { accountType: 'Managed', domainName: domain, brandName: tenant.displayName };
  if (MSA_DOMAINS.has(domain) || (await deps.directory.getUser(CONSUMERS_TENANT_ID, upn)) !== undefined) {
    return { accountType: 'MSA', domainName: 'live.com', brandName: null };
  }
  return { accountType: 'Unknown', domainName: null, brandName: null };
}

export function userRealm(deps: AppDeps) {
  return async function userrealm(request: FastifyRequest, reply: FastifyReply) {
    const { upn } = request.params as { upn: string };
    const version = (request.query as Record<string, unknown>)['api-version'];
    // ENTRA-COMPAT: no api-version is read as 1.0 (what MSAL sends); any other value is refused.
    if (version !== undefined && version !== '1.0' && version !== '2.0') throw new OAuthError(9002313);
    const realm = await resolveRealm(deps, upn);
    const cloudInstanceName = new URL(deps.urls.baseFor(request)).hostname;
    reply.header('cache-control', 'no-store');
    if (version === '2.0') {
      return reply.send({
        NameSpaceType: realm.accountType,
        Login: upn,
        DomainName: realm.domainName ?? upn.slice(upn.lastIndexOf('@') + 1),
        FederationBrandName: realm.brandName,
        TenantBrandingInfo: null,
        cloud_instance_name: cloudInstanceName,
      });
    }
    return reply.send({
      ver: '1.0',
      account_type: realm.accountType,
      ...(realm.domainName === null ? {} : { domain_name: realm.domainName }),
      cloud_instance_name: cloudInstanceName,
      cloud_audience_urn: CLOUD_AUDIENCE_URN,
    });
  };
}
