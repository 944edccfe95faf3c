/**
 * `<data-dir>/demo.json`: the demo environment in machine-readable form (authority base, CA,
 * tenants with their users and applications), written with mode 0600 because it holds
 * passwords and secrets — public, well-known ones, but a habit worth keeping.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DemoFiles } from './demo-apply.js';
import { DEMO } from './demo-values.js';
import type { AppliedEnvironment } from './result.js';

export type DemoAppKind = 'daemon' | 'web' | 'spa' | 'public';

export interface DemoInfo {
  url: string;
  caFile: string | null;
  tenants: Array<{
    id: string;
    displayName: string;
    /** Initial domain; null for the consumers tenant. */
    domain: string | null;
    authority: string;
    users: Array<{ userPrincipalName: string; password: string | null; roles: string[]; mfa: boolean; totpSecret?: string }>;
    applications: Array<{
      displayName: string;
      appId: string;
      kind: DemoAppKind;
      secret: string | null;
      certificateFile: string | null;
      privateKeyFile: string | null;
      redirectUris: string[];
    }>;
  }>;
}

const KINDS: Record<string, DemoAppKind> = {
  [DEMO.applications.daemon.appId]: 'daemon',
  [DEMO.applications.web.appId]: 'web',
  [DEMO.applications.spa.appId]: 'spa',
  [DEMO.applications.publicClient.appId]: 'public',
};

/** Builds demo.json's content from what the demo environment consists of. */
export function buildDemoInfo(applied: AppliedEnvironment, options: { url: string; caFile: string | null; files: DemoFiles }): DemoInfo {
  return {
    url: options.url,
    caFile: options.caFile,
    tenants: applied.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domain: t.domain,
      authority: `${options.url}/${t.id}`,
      users: applied.users
        .filter((u) => u.tenantId === t.id)
        .map((u) => ({ userPrincipalName: u.userPrincipalName, password: u.password, roles: u.roles, mfa: u.mfa, ...(u.totpSecret ? { totpSecret: u.totpSecret } : {}) })),
      applications: applied.applications
        .filter((a) => a.tenantId === t.id)
        .map((a) => {
          const kind = KINDS[a.appId] ?? 'web';
          return {
            displayName: a.displayName,
            appId: a.appId,
            kind,
            secret: a.secret,
            certificateFile: kind === 'daemon' ? options.files.certificateFile : null,
            privateKeyFile: kind === 'daemon' ? options.files.privateKeyFile : null,
            redirectUris: [...a.redirectUris.web, ...a.redirectUris.spa, ...a.redirectUris.publicClient],
          };
        }),
    })),
  };
}

/** Writes demo.json (mode 0600). */
export async function writeDemoInfo(dataDir: string, info: DemoInfo): Promise<string> {
  const file = join(resolve(dataDir), DEMO.files.summary);
  await writeFile(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** Reads demo.json; null when it is missing or unreadable. */
export async function readDemoInfo(dataDir: string): Promise<DemoInfo | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, DEMO.files.summary), 'utf8')) as DemoInfo;
  } catch {
    return null;
  }
}
