/**
 * Home-realm discovery `GET /common/userrealm/{upn}?api-version=1.0|2.0` (issue 7; MSAL.NET
 * `UserRealmDiscoveryResponse`, msal-python `user_realm_discovery`): Managed for a verified
 * domain of a tenant, MSA for personal accounts, Unknown otherwise; exact wire fields.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera, getJson } from '../../helpers/tessera.js';

const TENANT = '0ea10000-0000-4000-8000-00000000000a';

let tessera: Awaited<ReturnType<typeof bootTessera>>;
let host: string;

before(async () => {
  tessera = await bootTessera({
    environment: {
      tenants: [
        { id: TENANT, displayName: 'Contoso Ltd', domain: 'contoso', customDomains: ['contoso.example'], users: [{ userPrincipalName: 'ada@contoso.example' }] },
        { kind: 'consumers', users: [{ userPrincipalName: 'pat@personal.example' }] },
      ],
    },
  });
  host = new URL(tessera.url).hostname;
});
after(() => tessera.close());

const realm = (upn: string, version?: string) => getJson(`${tessera.url}/common/userrealm/${encodeURIComponent(upn)}${version === undefined ? '' : `?api-version=${version}`}`);

describe('GET /common/userrealm/{upn}?api-version=1.0', () => {
  it('Managed for a verified domain (custom or initial), whether or not the user exists', async () => {
    const { status, body, headers } = await realm('ada@contoso.example', '1.0');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(body, { ver: '1.0', account_type: 'Managed', domain_name: 'contoso.example', cloud_instance_name: host, cloud_audience_urn: 'urn:federation:MicrosoftOnline' });
    assert.equal((await realm('NOBODY@Contoso.OnMicrosoft.com', '1.0')).body.domain_name, 'contoso.onmicrosoft.com');
  });

  it('MSA for Microsoft account domains and for users of the consumers tenant', async () => {
    for (const upn of ['someone@outlook.com', 'pat@personal.example']) {
      const { body } = await realm(upn, '1.0');
      assert.deepEqual(body, { ver: '1.0', account_type: 'MSA', domain_name: 'live.com', cloud_instance_name: host, cloud_audience_urn: 'urn:federation:MicrosoftOnline' }, upn);
    }
  });

  it('Unknown for any other name (no domain_name); no api-version reads as 1.0', async () => {
    for (const [upn, version] of [['x@unknown.example', '1.0'], ['no-at-sign', '1.0'], ['x@unknown.example', undefined]] as const) {
      const { status, body } = await realm(upn, version);
      assert.equal(status, 200);
      assert.deepEqual(body, { ver: '1.0', account_type: 'Unknown', cloud_instance_name: host, cloud_audience_urn: 'urn:federation:MicrosoftOnline' });
    }
  });

  it('refuses an unsupported api-version in Entra JSON', async () => {
    const { status, body } = await realm('ada@contoso.example', '3.0');
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
    assert.deepEqual(body.error_codes, [9002313]);
  });
});

describe('GET /common/userrealm/{upn}?api-version=2.0', () => {
  it('NameSpaceType, Login, DomainName, FederationBrandName, cloud_instance_name', async () => {
    assert.deepEqual((await realm('ada@contoso.example', '2.0')).body, {
      NameSpaceType: 'Managed', Login: 'ada@contoso.example', DomainName: 'contoso.example', FederationBrandName: 'Contoso Ltd', TenantBrandingInfo: null, cloud_instance_name: host,
    });
    assert.equal((await realm('x@live.com', '2.0')).body.NameSpaceType, 'MSA');
    assert.deepEqual((await realm('x@unknown.example', '2.0')).body, {
      NameSpaceType: 'Unknown', Login: 'x@unknown.example', DomainName: 'unknown.example', FederationBrandName: null, TenantBrandingInfo: null, cloud_instance_name: host,
    });
  });
});
