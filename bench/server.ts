/**
 * Tessera for the benchmark, in its own process (so the load generator does not share its
 * event loop): a tenant with a daemon admin-consented to Graph User.Read.All, a web app
 * admin-consented to delegated User.Read, and a few users. Prints one JSON line with what the
 * load needs, then answers commands on stdin, one JSON line each on stdout:
 *   `codes <n> <file>` — stores n authorization codes for user 0 at the web app, as `/authorize`
 *   would after a sign-in (src/protocol/authorize/complete.ts issueCode), and writes their
 *   handles to <file>, one a line (codes are single use: the load redeems each once).
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startTessera } from '../src/index.js';
import type { AuthorizationCodeData } from '../src/protocol/authorize/code-data.js';
import { newFamilyId, newHandle } from '../src/state/index.js';

const TENANT = '5a1e7b3c-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const CLIENT = 'c0ffee00-1234-4abc-9def-0123456789ab';
const SECRET = 'bench-secret-value-0123456789abcdefghij';
const WEB_CLIENT = 'c0ffee00-5678-4abc-9def-0123456789ab';
const WEB_SECRET = 'bench-web-secret-value-0123456789abcdef';
const REDIRECT_URI = 'https://localhost:5001/signin-oidc';
/** What an MSAL web app asks at sign-in: ID token, refresh token and a Graph access token. */
const CODE_SCOPE = 'openid profile offline_access https://graph.microsoft.com/User.Read';

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
        applications: [
          { appId: CLIENT, displayName: 'Bench daemon', secrets: [{ value: SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read.All'] } },
          { appId: WEB_CLIENT, displayName: 'Bench web app', web: { redirectUris: [REDIRECT_URI] }, secrets: [{ value: WEB_SECRET }], requiredPermissions: { 'Microsoft Graph': ['User.Read'] } },
        ],
        // Admin consent (AllPrincipals) for both: redemptions and the sign-in page need no consent step.
        consent: [{ application: 'Bench daemon' }, { application: 'Bench web app' }],
      },
    ],
  },
});
const user = tessera.users[0];
if (user === undefined) throw new Error('the bench environment has no user');

async function createCodes(count: number, file: string): Promise<void> {
  const authTime = Math.floor(Date.now() / 1000);
  const data: AuthorizationCodeData = {
    v: 1, scope: CODE_SCOPE, resource: null, nonce: null, authTime, amr: ['pwd'], sid: 'bench-session',
    platform: 'web', endpointVersion: 'v2', userTenantId: TENANT, maxAgeRequested: false, ipAddress: '127.0.0.1',
  };
  const handles: string[] = [];
  for (let i = 0; i < count; i++) {
    const handle = newHandle('ac');
    await tessera.state.codes.put(handle, {
      tenantId: TENANT, clientId: WEB_CLIENT, userId: (user as { id: string }).id, redirectUri: REDIRECT_URI,
      codeChallenge: null, codeChallengeMethod: null, familyId: newFamilyId(), data: data as unknown as Record<string, unknown>,
    });
    handles.push(handle);
  }
  writeFileSync(file, handles.join('\n') + '\n');
}

process.stdout.write(
  JSON.stringify({ url: tessera.url, tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, userId: user.id, webClientId: WEB_CLIENT, webClientSecret: WEB_SECRET, redirectUri: REDIRECT_URI, codeScope: CODE_SCOPE }) + '\n',
);
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, count, file] = line.trim().split(' ');
  if (command !== 'codes' || file === undefined) return void process.stdout.write(JSON.stringify({ error: `unknown command ${line}` }) + '\n');
  void createCodes(Number(count), file).then(
    () => process.stdout.write(JSON.stringify({ codes: Number(count), file }) + '\n'),
    (error: unknown) => process.stdout.write(JSON.stringify({ error: String(error) }) + '\n'),
  );
});
const stop = () => void tessera.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
