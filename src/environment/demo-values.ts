/**
 * The demo environment's well-known ids and credentials — the one place they are defined.
 *
 * THESE VALUES ARE PUBLIC. Like Azurite's well-known storage account key, they are published in
 * Tessera's documentation (docs/environment.md) so that samples, tutorials and CI scripts can
 * rely on them. Anyone can read them: never use the demo environment for anything but local
 * development, and start real deployments with `--no-demo` or an environment file.
 */

const id = (suffix: string) => `7e55e4a0-de70-4000-8000-0000000000${suffix}`;

/** Well-known demo tenant, users and applications (public values, see the module comment). */
export const DEMO = Object.freeze({
  tenant: Object.freeze({ id: id('01'), domain: 'tesserademo.onmicrosoft.com', displayName: 'Tessera Demo' }),
  users: Object.freeze({
    admin: Object.freeze({ id: id('11'), userPrincipalName: 'admin@tesserademo.onmicrosoft.com', displayName: 'Demo Admin', password: 'Demo-Admin-Pass-1!' }),
    alice: Object.freeze({ id: id('12'), userPrincipalName: 'alice@tesserademo.onmicrosoft.com', displayName: 'Alice Demo', password: 'Demo-Alice-Pass-1!' }),
    /** Has MFA: the TOTP secret below generates her second factor (RFC 6238, SHA-1, 6 digits, 30 s). */
    bob: Object.freeze({
      id: id('13'),
      userPrincipalName: 'bob@tesserademo.onmicrosoft.com',
      displayName: 'Bob Demo',
      password: 'Demo-Bob-Pass-1!',
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    }),
    /** A personal (Microsoft) account in the consumers tenant. */
    personal: Object.freeze({ id: id('14'), userPrincipalName: 'personal.demo@outlook.com', displayName: 'Pat Personal', password: 'Demo-Personal-Pass-1!' }),
  }),
  applications: Object.freeze({
    /** Confidential daemon: client credentials with a secret or its certificate; Graph User.Read.All (admin-consented). */
    daemon: Object.freeze({ id: id('31'), appId: id('21'), displayName: 'Demo Daemon', secret: 'demo-daemon-secret~PUBLIC-WELL-KNOWN~0001' }),
    /** Confidential web app (authorization code). */
    web: Object.freeze({
      id: id('32'),
      appId: id('22'),
      displayName: 'Demo Web App',
      secret: 'demo-web-secret~PUBLIC-WELL-KNOWN~0002',
      redirectUris: Object.freeze(['http://localhost:3000/redirect', 'https://localhost:5001/signin-oidc']),
    }),
    /** Single-page app (authorization code with PKCE, CORS). */
    spa: Object.freeze({ id: id('33'), appId: id('23'), displayName: 'Demo SPA', redirectUris: Object.freeze(['http://localhost:5173/']) }),
    /** Public client (desktop/mobile/CLI): loopback, MSAL custom scheme, nativeclient; device code and ROPC. */
    publicClient: Object.freeze({ id: id('34'), appId: id('24'), displayName: 'Demo Public Client' }),
  }),
  /** Files the daemon's certificate and private key are written to, in the data directory (first run). */
  files: Object.freeze({ certificate: 'demo-daemon.pem', privateKey: 'demo-daemon-key.pem', summary: 'demo.json' }),
});

/** The public client's redirect URIs (they embed its appId). */
export function publicClientRedirectUris(): string[] {
  const appId = DEMO.applications.publicClient.appId;
  return ['http://localhost', `msal${appId}://auth`, 'https://login.microsoftonline.com/common/oauth2/nativeclient'];
}

/**
 * What every place that shows the demo credentials says about them (the CLI's summary, the
 * landing page): they are public, and for local development only.
 */
export const DEMO_WARNING = 'well-known PUBLIC credentials: local development only; start with --no-demo or an environment file otherwise';
