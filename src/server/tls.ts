/**
 * HTTPS material (design.md "The shape at runtime": real clients refuse plain-http authorities).
 * First start creates a local CA and a server certificate in the data directory; later starts
 * reuse them. When the server certificate no longer covers the requested host names or is close
 * to expiry, a new one is issued from the same CA, so users who trusted the CA once
 * (`NODE_EXTRA_CA_CERTS=<dataDir>/ca.pem`) never have to again.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FILE_MODE, makePrivateDir } from '../lib/private-files.js';

// The X.509 builder (@peculiar/x509 and its polyfills) costs ~130 ms to load; a warm start only
// reads and checks files with node:crypto, so the builder is loaded when something is issued.
const loadX509 = () => import('../lib/x509.js');

/** Result of {@link ensureTlsMaterial}. */
export interface TlsMaterial {
  /** Path of the CA certificate users trust (`NODE_EXTRA_CA_CERTS`). */
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** True when the CA was created by this call (first start: tell the user how to trust it). */
  created: boolean;
  /** True when a server certificate was (re)issued by this call. */
  reissued: boolean;
}

const DAY_MS = 86_400_000;
const LEAF_VALIDITY_DAYS = 365; // CA/Browser Forum and Apple cap server certificates at 397/398 days.
const RENEW_BEFORE_DAYS = 30;
const BACKDATE_MS = 3_600_000; // tolerate a slightly slow client clock
const DEFAULT_NAMES = ['localhost', '127.0.0.1', '::1'];
const CA_CLAIM_WAIT_MS = 5000;

/** File names of the TLS material in the data directory. */
export const TLS_FILES = Object.freeze({ ca: 'ca.pem', caKey: 'ca-key.pem', cert: 'server.pem', key: 'server-key.pem' });

/** True for a temp file of {@link writePrivate} (left behind when a write was interrupted). */
export function isTlsTempFile(name: string): boolean {
  return /^(ca|ca-key|server|server-key)\.pem\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);
}

/**
 * Creates or reuses `ca.pem`, `ca-key.pem`, `server.pem`, `server-key.pem` in `dataDir` (0700;
 * every file 0600, certificates included: lib/private-files.ts says why).
 * The server certificate covers localhost, 127.0.0.1, ::1 and `hostNames` (IP literals as IP SANs).
 */
export async function ensureTlsMaterial(
  dataDir: string,
  hostNames: string[],
  options: { now?: () => Date } = {},
): Promise<TlsMaterial> {
  const now = (options.now ?? (() => new Date()))();
  // Absolute: the CA's path is printed, written to demo.json and handed to clients.
  const dir = resolve(dataDir);
  const files = { ca: join(dir, TLS_FILES.ca), caKey: join(dir, TLS_FILES.caKey), cert: join(dir, TLS_FILES.cert), key: join(dir, TLS_FILES.key) };
  await makePrivateDir(dir);
  const wanted = normalizeNames([...DEFAULT_NAMES, ...hostNames]);

  const { caPem, caKeyPem, created } = await ensureCa(files, now);
  const ca = new X509Certificate(caPem);
  const certPem = await readOptional(files.cert);
  const keyPem = await readOptional(files.key);
  if (certPem !== null && keyPem !== null && leafIsUsable(certPem, keyPem, ca, wanted, now)) {
    return { caFile: files.ca, caPem, certPem, keyPem, created, reissued: false };
  }
  if (caKeyPem === null) {
    throw new Error(`Cannot issue a server certificate: ${files.caKey} is missing (restore it, or delete ${files.ca} to create a new local CA that clients must trust again)`);
  }
  // Keep names the old certificate covered, so alternating configurations do not flip-flop.
  const names = normalizeNames([...wanted, ...(certPem === null ? [] : await safeSanNames(certPem))]);
  const leaf = await issueLeaf(caPem, caKeyPem, names, now);
  // Key first: a crash in between leaves a mismatched pair, which the next start detects and reissues.
  await writePrivate(files.key, leaf.keyPem);
  await writePrivate(files.cert, leaf.certPem);
  return { caFile: files.ca, caPem, certPem: leaf.certPem, keyPem: leaf.keyPem, created, reissued: true };
}

/** Reads user-supplied `--cert` / `--key` PEM files and checks that they belong together. */
export async function loadTlsFiles(certFile: string, keyFile: string): Promise<{ certPem: string; keyPem: string }> {
  const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem); // the leaf; a chain may follow
  } catch (cause) {
    throw new Error(`${certFile} does not contain a PEM certificate`, { cause });
  }
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch (cause) {
    throw new Error(`${keyFile} does not contain an unencrypted PEM private key`, { cause });
  }
  if (!cert.checkPrivateKey(key)) throw new Error(`${keyFile} is not the private key of the certificate in ${certFile}`);
  return { certPem, keyPem };
}

/**
 * The CA of `files`, created when missing. Several processes may share one CA directory (the
 * per-user CA of in-process instances, user-ca.ts), so creation is a claim: the key is linked
 * into place (link fails when the name exists), then the certificate; a process that loses the
 * claim waits for the winner's certificate instead of writing a second, mismatched one.
 */
async function ensureCa(files: { ca: string; caKey: string }, now: Date): Promise<{ caPem: string; caKeyPem: string | null; created: boolean }> {
  const existing = await readOptional(files.ca);
  if (existing !== null) return { caPem: existing, caKeyPem: await readOptional(files.caKey), created: false };
  if ((await readOptional(files.caKey)) === null) {
    const fresh = await createCa(now);
    if (await claim(files.caKey, fresh.caKeyPem)) {
      await writePrivate(files.ca, fresh.caPem);
      return { ...fresh, created: true };
    }
  }
  // Another process holds the key: its certificate follows within moments.
  const deadline = Date.now() + CA_CLAIM_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const caPem = await readOptional(files.ca);
    if (caPem !== null) return { caPem, caKeyPem: await readOptional(files.caKey), created: false };
  }
  throw new Error(`Incomplete local CA: ${files.caKey} exists without ${files.ca} (an interrupted first start?); delete ${files.caKey} to create a new CA`);
}

/** Writes `file` only if it does not exist yet; false when another writer got there first. */
async function claim(file: string, data: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, data, { mode: FILE_MODE });
  await chmod(temp, FILE_MODE);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createCa(now: Date): Promise<{ caPem: string; caKeyPem: string }> {
  const { createSelfSignedCertificate, exportPrivateKeyPem, generateKeyPair, randomSerialNumber, x509 } = await loadX509();
  const keys = await generateKeyPair('p-256');
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  const cert = await createSelfSignedCertificate({
    // A random suffix tells apart the CAs of several data directories in a trust store.
    subject: `CN=Tessera Local CA ${randomSerialNumber().slice(0, 8)}`,
    keys,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { caPem: cert.toString('pem') + '\n', caKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}

async function issueLeaf(caPem: string, caKeyPem: string, names: string[], now: Date): Promise<{ certPem: string; keyPem: string }> {
  const { createSignedCertificate, exportPrivateKeyPem, generateKeyPair, importPrivateKeyPem, x509 } = await loadX509();
  const ca = new x509.X509Certificate(caPem);
  const keys = await generateKeyPair('p-256');
  const cert = await createSignedCertificate({
    subject: `CN=${names[0] ?? 'localhost'}`,
    issuer: ca,
    issuerKey: await importPrivateKeyPem(caKeyPem, 'p-256'),
    publicKey: keys.publicKey,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + LEAF_VALIDITY_DAYS * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIP(value) ? 'ip' : 'dns', value }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** Issued by our CA, matching its key, valid for ≥ 30 more days, covering every wanted name. */
function leafIsUsable(certPem: string, keyPem: string, ca: X509Certificate, wanted: string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey) || !cert.checkPrivateKey(createPrivateKey(keyPem))) return false;
    if (Date.parse(cert.validFrom) > now.getTime()) return false;
    if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
    return wanted.every((name) => (isIP(name) ? cert.checkIP(name) : cert.checkHost(name, { wildcards: false })) !== undefined);
  } catch {
    return false; // unreadable files: issue a fresh pair
  }
}

async function safeSanNames(certPem: string): Promise<string[]> {
  const { x509 } = await loadX509();
  try {
    const san = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension);
    return (san?.names.items ?? []).filter((n) => n.type === 'dns' || n.type === 'ip').map((n) => n.value);
  } catch {
    return [];
  }
}

/** Lower-case DNS names, canonical IP literals (`[::1]` → `::1`), no duplicates, order kept. */
function normalizeNames(names: string[]): string[] {
  const out = names.map((raw) => {
    const name = raw.trim().replace(/^\[(.*)\]$/, '$1');
    // URL parsing gives the canonical (compressed, lower-case) IPv6 text.
    if (isIP(name) === 6) return new URL(`http://[${name}]`).hostname.slice(1, -1);
    if (isIP(name) === 0 && !/^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$/i.test(name)) {
      throw new Error(`Invalid TLS host name "${raw}"`);
    }
    return name.toLowerCase();
  });
  return [...new Set(out.filter((n) => n.length > 0))];
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Write-then-rename so a reader never sees half a file; the temp file is created 0600 (and
 * chmod-ed, should it exist already), and rename keeps that mode.
 */
async function writePrivate(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, data, { mode: FILE_MODE });
  await chmod(temp, FILE_MODE);
  await rename(temp, file);
}
