/**
 * The validation cache and key refresh of Graph's token validator (design.md Performance):
 * results are cached by the token's digest until `exp`, failures are not cached, and a token
 * signed by a key published after the validator loaded its key set is accepted after a reload.
 * Runs the real validator over the real keystore and directory; a spy counts directory reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Directory } from '../../../src/directory/directory.js';
import { createGraphTokenValidator } from '../../../src/graph/auth/validator.js';
import { GraphError } from '../../../src/graph/errors.js';
import { createPublicUrls } from '../../../src/server/public-url.js';
import { APPS, FABRIKAM } from '../graph.config.js';
import { appToken, bootGraphTessera, graphClaims, tesseraSigned, type Tessera } from '../graph-helpers.js';

let tessera: Tessera;

before(async () => {
  tessera = await bootGraphTessera();
});
after(() => tessera.close());

function setup(options: { disabled?: () => boolean } = {}) {
  let now = Date.now();
  const reads = { servicePrincipal: 0 };
  const directory: Directory = {
    ...tessera.directory,
    getServicePrincipal: async (tenantId, id) => {
      reads.servicePrincipal++;
      const sp = await tessera.directory.getServicePrincipal(tenantId, id);
      return sp !== undefined && options.disabled?.() === true ? { ...sp, accountEnabled: false } : sp;
    },
  };
  const urls = createPublicUrls({ publicUrl: null, http: false, port: tessera.port, hostNames: [] });
  const validator = createGraphTokenValidator({ keys: tessera.keys, directory, urls, now: () => new Date(now) });
  return { validator, reads, advance: (ms: number) => void (now += ms), setNow: (ms: number) => void (now = ms) };
}

async function rejection(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof GraphError, String(error));
  return error;
}

describe('Graph token validation cache', () => {
  it('validates a token once and serves later calls from the cache', async () => {
    const { validator, reads } = setup();
    const token = await appToken(tessera, APPS.reader);
    const first = await validator.validate(token);
    assert.equal(reads.servicePrincipal, 1);
    for (let i = 0; i < 5; i++) assert.deepEqual(await validator.validate(token), first);
    assert.equal(reads.servicePrincipal, 1);
    assert.equal(first.kind, 'app');
    assert.deepEqual([...first.permissions].sort(), ['Group.Read.All', 'Organization.Read.All', 'User.Read.All']);
  });

  it('drops the entry at exp, then validates again within the skew and refuses after it', async () => {
    const { validator, reads, setNow } = setup();
    const token = await appToken(tessera, APPS.reader);
    const exp = decodeJwt(token).exp as number;
    await validator.validate(token);
    setNow(exp * 1000 + 60_000);
    await validator.validate(token);
    assert.equal(reads.servicePrincipal, 2, 're-validated after exp');
    setNow(exp * 1000 + 301_000);
    const error = await rejection(validator.validate(token));
    assert.equal(error.message, 'Access token has expired or is not yet valid.');
  });

  it('trusts a validated token for at most a minute: a disabled service principal then loses access', async () => {
    let disabled = false;
    const { validator, reads, advance } = setup({ disabled: () => disabled });
    const token = await appToken(tessera, APPS.reader);
    await validator.validate(token);
    disabled = true;
    advance(59_000);
    assert.equal((await validator.validate(token)).kind, 'app', 'still cached');
    assert.equal(reads.servicePrincipal, 1);
    advance(2_000);
    assert.equal((await rejection(validator.validate(token))).code, 'Authorization_IdentityNotFound');
    assert.equal(reads.servicePrincipal, 2);
  });

  it('does not cache failures', async () => {
    const { validator, reads } = setup();
    const sp = decodeJwt(await appToken(tessera, APPS.reader)).oid as string;
    const token = await tesseraSigned(tessera, graphClaims(tessera, { appid: APPS.reader, idtyp: 'app', oid: sp, roles: [] }, FABRIKAM));
    for (let i = 1; i <= 2; i++) {
      assert.equal((await rejection(validator.validate(token))).code, 'Authorization_IdentityNotFound');
      assert.equal(reads.servicePrincipal, i);
    }
  });

  it('reloads the published keys for an unknown kid, at most every 10 seconds', async () => {
    const { validator, advance } = setup();
    await validator.validate(await appToken(tessera, APPS.reader));
    // Two rotations: the active key is now one the validator has never seen.
    await tessera.keys.rotate();
    await tessera.keys.rotate();
    const token = await appToken(tessera, APPS.reader);
    assert.equal((await rejection(validator.validate(token))).message, 'Access token validation failure.');
    advance(11_000);
    assert.equal((await validator.validate(token)).kind, 'app');
  });
});
