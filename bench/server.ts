/**
 * Tessera for the benchmark, in its own process (so the load generator does not share its
 * event loop): a tenant with a daemon admin-consented to Graph User.Read.All and a few users.
 * Prints one JSON line with what the load needs.
 */
import { startTessera } from '../src/index.js';

const TENANT = '5a1e7b3c-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const CLIENT = 'c0ffee00-1234-4abc-9def-0123456789ab';
const SECRET = 'bench-secret-value-0123456789abcdefghij';

const tessera = await startTessera({
  dataDir: process.argv[2],
  port: 0,
  environment: {
    tenants: [
      {
        id: TENANT,
        name: 'bench',
        displayName: 'Bench',
        users: Array.from({ length: 20 }, (_, i) => ({ userPrincipalName: `user${i}@bench.onmicrosoft.com`, displayName: `User ${i}` })),
        applications: [{ appId: CLIENT, displayName: 'Bench daemon', secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } }],
        consent: [{ application: 'Bench daemon' }],
      },
    ],
  },
});
const user = tessera.users[0];
process.stdout.write(JSON.stringify({ url: tessera.url, tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, userId: user?.id }) + '\n');
const stop = () => void tessera.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
