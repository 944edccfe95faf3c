/**
 * Admin consent approval on every dialect (protocol.md §6 "Effects", design.md "Every multi-row
 * change is one transaction"): two administrators of the customer tenant accept the same app at
 * the same moment in two browsers; both get the success redirect, and the app's token carries
 * each role once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext } from '../../helpers/browser.js';
import { startPostgres } from '../../helpers/postgres.js';
import { bootTessera, postForm } from '../../helpers/tessera.js';
import { startCallbackListener, type Callback } from '../authorize/callback-listener.js';
import { serverCertificate } from '../authorize/server-certificate.js';
import { ADMIN, ADMIN_PASSWORD, DAEMON_V2, environment, JOBS_URI, SECRET, TENANT_B } from './admin-consent.config.js';

const dialects: Array<[string, () => Promise<{ url: string; stop(): Promise<void> }>]> = [['sqlite', async () => ({ url: ':memory:', stop: async () => undefined })]];
if (process.env.TESSERA_TEST_DATABASE_URL) dialects.push(['postgres', () => startPostgres()]);

for (const [dialect, database] of dialects) {
  describe(`admin consent approval (${dialect})`, () => {
    let tessera: Awaited<ReturnType<typeof bootTessera>>;
    let callback: Callback;
    let browser: Browser;
    let stopDatabase: () => Promise<void>;

    before(async () => {
      const db = await database();
      stopDatabase = () => db.stop();
      callback = await startCallbackListener();
      tessera = await bootTessera({ environment: environment(callback.url), database: db.url });
      browser = await launchBrowser({ trust: [await serverCertificate(tessera.url)] });
    });
    after(async () => {
      await browser?.close();
      await tessera?.close();
      await callback?.close();
      await stopDatabase?.();
    });

    it('two simultaneous Accepts both succeed and grant once', async () => {
      const url = `${tessera.url}/${TENANT_B}/v2.0/adminconsent?${new URLSearchParams({ client_id: DAEMON_V2, scope: `${JOBS_URI}/.default`, state: 'race', redirect_uri: callback.url })}`;
      const pages = await Promise.all(
        [0, 1].map(async () => {
          const page = await (await newContext(browser)).newPage();
          await page.goto(url);
          await page.fill('input[name=loginfmt]', ADMIN);
          await page.click('button[type=submit]');
          await page.waitForSelector('input[name=passwd]');
          await page.fill('input[name=passwd]', ADMIN_PASSWORD);
          await page.click('button[type=submit]');
          await page.waitForSelector('button[value=accept]');
          return page;
        }),
      );
      const landed = [callback.next(), callback.next()];
      await Promise.all(pages.map((page) => page.click('button[value=accept]')));
      for (const params of await Promise.all(landed)) {
        assert.equal(params.get('admin_consent'), 'True', params.toString());
        assert.equal(params.get('tenant'), TENANT_B);
        assert.equal(params.get('state'), 'race');
      }
      for (const [scope, roles] of [[`${JOBS_URI}/.default`, ['Jobs.Run']], ['https://graph.microsoft.com/.default', ['Group.Read.All']]] as const) {
        const { status, body } = await postForm(`${tessera.url}/${TENANT_B}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: DAEMON_V2, client_secret: SECRET, scope });
        assert.equal(status, 200, JSON.stringify(body));
        assert.deepEqual(decodeJwt(body.access_token as string).roles, roles);
      }
    });
  });
}
