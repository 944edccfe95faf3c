/**
 * Client mistakes and forged paging tokens on every dialect (SQLite always, PostgreSQL when the
 * test runner provides one): each is Graph's 4xx error body, never a 500, and a forged cursor
 * never leaves the caller's tenant (graph.md §1.5, §1.7).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPostgres } from '../../helpers/postgres.js';
import { bootTessera } from '../../helpers/tessera.js';
import { APPS, CONTOSO_USER_COUNT, environment, FABRIKAM_USER } from '../graph.config.js';
import { appToken, assertGraphError, assertGraphSuccess, callGraph, type Tessera } from '../graph-helpers.js';

const INVALID_TOKEN = 'The specified page token value has expired or is invalid.';

/** A `$skiptoken` as Tessera makes them, around a directory cursor with key `k`. */
function forgedSkipToken(k: string): string {
  const cursor = Buffer.from(JSON.stringify({ k }), 'utf8').toString('base64url');
  return Buffer.from(JSON.stringify({ c: cursor, a: 0 }), 'utf8').toString('base64url');
}

const dialects: Array<[string, () => Promise<{ url: string; stop(): Promise<void> }>]> = [['sqlite', async () => ({ url: ':memory:', stop: async () => undefined })]];
if (process.env.TESSERA_TEST_DATABASE_URL) dialects.push(['postgres', () => startPostgres()]);

for (const [dialect, database] of dialects) {
  describe(`Graph client mistakes (${dialect})`, () => {
    let tessera: Tessera;
    let stopDatabase: () => Promise<void>;
    let token: string;

    before(async () => {
      const db = await database();
      stopDatabase = () => db.stop();
      tessera = await bootTessera({ environment, database: db.url });
      token = await appToken(tessera, APPS.directory);
    });
    after(async () => {
      await tessera.close();
      await stopDatabase();
    });

    it('answers a user key holding a NUL with 404, as any key that names no user', async () => {
      const response = await callGraph(tessera, '/v1.0/users/a%00b@contoso.onmicrosoft.com', token);
      assertGraphError(response, 404, 'Request_ResourceNotFound', "Resource 'a\u0000b@contoso.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.");
    });

    it('refuses a NUL in a query option as a malformed URI component', async () => {
      for (const query of ["$filter=displayName eq '%00'", "$filter=startswith(displayName,'a%00')", '$select=id%00']) {
        const response = await callGraph(tessera, `/v1.0/users?${query}`, token);
        assertGraphError(response, 400, 'BadRequest', /^The query specified in the URI is not valid\. '.*' is not a valid URI component\.$/);
      }
    });

    it('refuses a skiptoken whose cursor is not a key, and never pages into another tenant', async () => {
      assertGraphError(await callGraph(tessera, `/v1.0/users?$skiptoken=${forgedSkipToken('\u0000')}`, token), 400, 'Request_BadRequest', INVALID_TOKEN);
      assertGraphError(await callGraph(tessera, `/v1.0/groups?$skiptoken=${forgedSkipToken('a\u0000')}`, token), 400, 'Request_BadRequest', INVALID_TOKEN);
      // A well-formed cursor before every id (or at another tenant's user) pages Contoso only.
      for (const k of ['0', FABRIKAM_USER]) {
        const response = await callGraph(tessera, `/v1.0/users?$top=999&$skiptoken=${forgedSkipToken(k)}`, token);
        assertGraphSuccess(response);
        const ids = (response.body.value as Array<{ id: string; userPrincipalName: string }>).map((u) => u.userPrincipalName);
        assert.ok(ids.every((upn) => upn.endsWith('@contoso.onmicrosoft.com')), ids.join());
        if (k === '0') assert.equal(ids.length, CONTOSO_USER_COUNT);
      }
    });
  });
}
