/**
 * Planning an application's secrets and certificates idempotently: a given secret value already
 * on the app (compared with its stored hash) is not added again; a generated secret is added only when the
 * app has no secret with that displayName; a certificate already on the app (by thumbprint) is
 * not added again.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseCertificate, verifySecret } from '../directory/credentials.js';
import type { Application } from '../directory/types.js';
import type { CertificatePlan, Path, PlanContext, SecretPlan } from './plan-types.js';
import type { EnvironmentApplication } from './schema.js';

/** displayName of a generated secret when the file gives none. */
export const DEFAULT_GENERATED_SECRET_NAME = 'default';

/** Plans the secrets of one application. */
export async function planSecrets(
  ctx: PlanContext,
  appPath: Path,
  secrets: NonNullable<EnvironmentApplication['secrets']>,
  existing: Application | undefined,
): Promise<SecretPlan[]> {
  const digests = existing === undefined ? [] : ((await ctx.dir.getClientCredentials(existing.appId))?.secrets ?? []);
  const names = new Set(existing?.passwordCredentials.map((p) => p.displayName ?? '') ?? []);
  const seen = new Set<string>();
  const plans: SecretPlan[] = [];
  for (const [index, s] of secrets.entries()) {
    const path = [...appPath, 'secrets', index];
    if (s.value !== undefined) {
      if (seen.has(`v:${s.value}`)) ctx.issues.add([...path, 'value'], 'duplicate secret value');
      seen.add(`v:${s.value}`);
      const value = s.value;
      // Every stored secret is checked: a scrypt row costs tens of ms, successes are remembered.
      const exists = (await Promise.all(digests.map((d) => verifySecret(value, d.secretHash, d.keyId)))).some(Boolean);
      plans.push({ path, value, displayName: s.displayName ?? null, endDateTime: s.endDateTime, exists });
      continue;
    }
    const displayName = s.displayName ?? DEFAULT_GENERATED_SECRET_NAME;
    if (seen.has(`n:${displayName}`)) ctx.issues.add([...path, 'displayName'], 'two generated secrets share this displayName');
    seen.add(`n:${displayName}`);
    plans.push({ path, value: null, displayName, endDateTime: s.endDateTime, exists: names.has(displayName) });
  }
  return plans;
}

/** Plans the certificates of one application; reads `file` entries relative to `ctx.baseDir`. */
export async function planCertificates(
  ctx: PlanContext,
  appPath: Path,
  certificates: NonNullable<EnvironmentApplication['certificates']>,
  existing: Application | undefined,
): Promise<CertificatePlan[]> {
  const plans: CertificatePlan[] = [];
  for (const [index, c] of certificates.entries()) {
    const path = [...appPath, 'certificates', index];
    let pem = c.pem;
    if (c.file !== undefined) {
      const file = isAbsolute(c.file) ? c.file : resolve(ctx.baseDir, c.file);
      try {
        pem = await readFile(file, 'utf8');
      } catch (error) {
        ctx.issues.add([...path, 'file'], `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        continue;
      }
    }
    let info;
    try {
      info = parseCertificate(pem ?? '');
    } catch {
      ctx.issues.add([...path, c.file !== undefined ? 'file' : 'pem'], 'must be a PEM (or base64 DER) X.509 certificate');
      continue;
    }
    if (plans.some((p) => p.info.thumbprintSha1 === info.thumbprintSha1)) {
      ctx.issues.add(path, 'duplicate certificate');
      continue;
    }
    const exists = existing?.keyCredentials.some((k) => k.thumbprintSha1 === info.thumbprintSha1) ?? false;
    plans.push({ path, pem: pem ?? '', info, displayName: c.displayName ?? null, exists });
  }
  return plans;
}
