/**
 * Enterprise-application settings the token endpoint honours (protocol.md §5.3, §15.2): a
 * resource that requires app-role assignment refuses clients without one, and a disabled client
 * service principal gets no token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { bootTessera, postForm } from '../../helpers/tessera.js';

const TENANT = '7b2c3d4e-0000-4000-8000-0000000000aa';
const API = 'a1000000-0000-4000-8000-0000000000aa';
const ASSIGNED = 'c1000000-0000-4000-8000-000000000001';
const UNASSIGNED = 'c1000000-0000-4000-8000-000000000002';
const DISABLED = 'c1000000-0000-4000-8000-000000000003';
const SECRET = 'sp-settings-secret~0123456789';
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  const daemon = (appId: string, displayName: string, extra: Record<string, unknown> = {}) => ({ appId, displayName, secrets: [{ value: SECRET }], ...extra });
  tessera = await bootTessera({
    environment: {
      tenants: [
        {
          id: TENANT,
          domain: 'spsettings',
          applications: [
            {
              appId: API,
              displayName: 'Orders API',
              identifierUris: [`api://${API}`],
              appRoles: [{ value: 'Orders.Read', displayName: 'Read orders', allowedMemberTypes: ['Application'] }],
              servicePrincipal: { appRoleAssignmentRequired: true },
            },
            daemon(ASSIGNED, 'Assigned daemon', { requiredPermissions: { 'Orders API': ['Orders.Read'] } }),
            daemon(UNASSIGNED, 'Unassigned daemon'),
            daemon(DISABLED, 'Disabled daemon', { servicePrincipal: { accountEnabled: false } }),
          ],
          consent: [{ application: 'Assigned daemon' }],
        },
      ],
    },
  });
});
after(() => tessera.close());

const token = (clientId: string, scope = `api://${API}/.default`) =>
  postForm(`${tessera.url}/${TENANT}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: clientId, client_secret: SECRET, scope });

describe('service principal settings', () => {
  it('issues a token with the role to a client assigned to a resource that requires assignment', async () => {
    const { status, body } = await token(ASSIGNED);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(decodeJwt(body.access_token as string).roles, ['Orders.Read']);
  });

  it('refuses a client without an assignment when the resource requires one (AADSTS501051)', async () => {
    const { status, body } = await token(UNASSIGNED);
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
    assert.deepEqual(body.error_codes, [501051]);
  });

  it('still issues role-less Graph tokens to the unassigned client (Graph does not require assignment)', async () => {
    const { status, body } = await token(UNASSIGNED, 'https://graph.microsoft.com/.default');
    assert.equal(status, 200);
    assert.equal(decodeJwt(body.access_token as string).roles, undefined);
  });

  it('refuses a disabled client service principal (AADSTS7000112)', async () => {
    const { status, body } = await token(DISABLED, 'https://graph.microsoft.com/.default');
    assert.equal(status, 400);
    assert.equal(body.error, 'unauthorized_client');
    assert.deepEqual(body.error_codes, [7000112]);
  });
});
