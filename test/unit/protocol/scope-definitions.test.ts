/** Scope resolution against a resource's definitions (protocol.md §10.1, §12.4): pure. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PermissionScope, ServicePrincipal } from '../../../src/directory/types.js';
import { parseDelegatedScope } from '../../../src/protocol/delegated-scopes.js';
import { scopeDefinitions } from '../../../src/protocol/delegated/permissions.js';
import { OAuthError } from '../../../src/protocol/errors.js';

const scope = (value: string, isEnabled = true): PermissionScope => ({ id: `id-${value}`, value, type: 'User', adminConsentDisplayName: value, adminConsentDescription: value, userConsentDisplayName: null, userConsentDescription: null, isEnabled });
const orders = { oauth2PermissionScopes: [scope('access_as_user'), scope('Orders.Write'), scope('Old.Scope', false)] } as unknown as ServicePrincipal;

function resolve(written: string, sp: ServicePrincipal | null = orders): string[] | { error: string; code: number; message: string } {
  const [resource] = parseDelegatedScope(written).resources;
  try {
    return scopeDefinitions(resource!, sp ?? undefined, 'contoso').map((s) => s.value);
  } catch (error) {
    assert.ok(error instanceof OAuthError);
    return { error: error.error, code: error.aadsts, message: error.message };
  }
}

describe('scopeDefinitions', () => {
  it('finds named scopes case-insensitively, in request order, once each', () => {
    assert.deepEqual(resolve('api://orders/orders.write api://orders/ACCESS_AS_USER'), ['Orders.Write', 'access_as_user']);
  });
  it('.default names no definitions (the grant decides)', () => {
    assert.deepEqual(resolve('api://orders/.default'), []);
  });
  it('an unknown or disabled scope of a known resource → invalid_scope AADSTS70011 naming it', () => {
    assert.deepEqual(resolve('api://orders/Orders.Delete'), { error: 'invalid_scope', code: 70011, message: "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope api://orders/Orders.Delete is not valid." });
    assert.equal((resolve('api://orders/Old.Scope') as { code: number }).code, 70011);
  });
  it('a resource the tenant does not have → invalid_resource AADSTS500011 naming it and the tenant', () => {
    const result = resolve('api://nowhere/read', null) as { error: string; code: number; message: string };
    assert.equal(result.error, 'invalid_resource');
    assert.equal(result.code, 500011);
    assert.match(result.message, /^The resource principal named api:\/\/nowhere was not found in the tenant named contoso\./);
  });
  it('.default mixed with a named scope of the same resource is refused while parsing (AADSTS70011)', () => {
    assert.deepEqual(parseDelegatedScope('api://orders/.default api://orders/access_as_user openid').errors.map((e) => e.aadsts), [70011]);
    assert.deepEqual(parseDelegatedScope('api://orders/.default openid offline_access').errors, []);
  });
});
