/**
 * First run: the daemon's certificate and key in the data directory (generated once, reused),
 * the demo environment applied through the normal engine, and `demo.json` (every file 0600) with
 * everything a developer needs to call Tessera.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { Directory } from '../directory/directory.js';
import { FILE_MODE, makePrivateDir } from '../lib/private-files.js';
import { applyEnvironment } from './apply.js';
import { demoEnvironment } from './demo.js';
import { DEMO } from './demo-values.js';
import type { AppliedEnvironment } from './result.js';

/** Paths of the daemon's credential files. */
export interface DemoFiles {
  certificateFile: string;
  privateKeyFile: string;
}

/** Applies the demo environment (idempotent), generating the daemon's certificate if needed. */
export async function applyDemo(directory: Directory, options: { dataDir: string; now?: () => Date }): Promise<{ applied: AppliedEnvironment; files: DemoFiles }> {
  const files = await ensureDaemonCertificate(options.dataDir, options.now?.() ?? new Date());
  const applied = await applyEnvironment(directory, demoEnvironment({ daemonCertificatePem: files.certificatePem }), { source: 'demo environment' });
  return { applied, files: { certificateFile: files.certificateFile, privateKeyFile: files.privateKeyFile } };
}

async function ensureDaemonCertificate(dataDir: string, now: Date): Promise<DemoFiles & { certificatePem: string }> {
  // Absolute: printed, written to demo.json and read by clients in other working directories.
  const certificateFile = join(resolve(dataDir), DEMO.files.certificate);
  const privateKeyFile = join(resolve(dataDir), DEMO.files.privateKey);
  const existing = await readPair(certificateFile, privateKeyFile);
  if (existing !== null) return { certificateFile, privateKeyFile, certificatePem: existing };
  await makePrivateDir(dataDir);
  // First run only: the X.509 builder is not loaded on warm starts.
  const { createSelfSignedCertificate, exportPrivateKeyPem, generateKeyPair } = await import('../lib/x509.js');
  const keys = await generateKeyPair('rsa-2048');
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 2);
  const cert = await createSelfSignedCertificate({ subject: 'CN=Demo Daemon (Tessera demo, public)', keys, notBefore: new Date(now.getTime() - 3_600_000), notAfter });
  const certificatePem = cert.toString('pem') + '\n';
  // 0600 both, like every file in the data directory (lib/private-files.ts).
  await writeFile(privateKeyFile, await exportPrivateKeyPem(keys.privateKey), { mode: FILE_MODE });
  await chmod(privateKeyFile, FILE_MODE);
  await writeFile(certificateFile, certificatePem, { mode: FILE_MODE });
  await chmod(certificateFile, FILE_MODE);
  return { certificateFile, privateKeyFile, certificatePem };
}

/** The certificate PEM when both files exist and belong together; null otherwise. */
async function readPair(certificateFile: string, privateKeyFile: string): Promise<string | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certificateFile, 'utf8'), readFile(privateKeyFile, 'utf8')]);
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem)) ? certPem : null;
  } catch {
    return null;
  }
}
