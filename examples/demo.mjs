// The demo environment `tessera start` prints and writes to <data-dir>/demo.json (well-known,
// PUBLIC credentials: local development only). Every example below reads it from here, so they
// run as they are against `npm start`; in your own app, use your tenant's and app's values.
import { readFileSync } from 'node:fs';

const file = process.env.TESSERA_DEMO_JSON ?? '.tessera/demo.json';
/** demo.json: `url`, `caFile`, and `tenants[]` with `authority`, `users[]`, `applications[]`. */
export const demo = JSON.parse(readFileSync(file, 'utf8'));
export const tenant = demo.tenants.find((t) => t.applications.some((a) => a.kind === 'daemon'));
/** The confidential daemon: client id, secret, certificate files; Graph User.Read.All. */
export const daemon = tenant.applications.find((a) => a.kind === 'daemon');
