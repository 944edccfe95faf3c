/**
 * User password hashing: scrypt, memory-hard, from node:crypto (design.md Data: "user passwords
 * with a memory-hard hash"). Stored as a PHC-like string so parameters can be raised later
 * without invalidating existing hashes:
 *
 *   $scrypt$ln=15,r=8,p=1$<salt, base64 unpadded>$<hash, base64 unpadded>
 *
 * The callback form of scrypt runs in the libuv thread pool, off the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const DEFAULT = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Refuse parameters that would let a tampered row exhaust memory or CPU.
const LIMITS = { ln: 20, r: 32, p: 16 } as const;

/** scrypt cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly too small for N=2^15.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}

/** Hash a password with fresh salt; returns the PHC-like string to store. */
export function hashPassword(password: string): Promise<string> {
  return scryptHash(password, DEFAULT);
}

/** `$scrypt$ln=…,r=…,p=…$<salt>$<hash>` of `value` with fresh salt and the given cost. */
export async function scryptHash(value: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(value, salt, params, HASH_BYTES);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (match === null) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (params.ln < 1 || params.ln > LIMITS.ln || params.r < 1 || params.r > LIMITS.r || params.p < 1 || params.p > LIMITS.p) {
    return undefined;
  }
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const hash = Buffer.from(match[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { params, salt, hash };
}

/**
 * Constant-time check of `password` against a string from `hashPassword`. Returns false (never
 * throws) for a malformed stored value.
 */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return scryptVerify(password, stored);
}

/** Constant-time check of `value` against a string from {@link scryptHash}; false when malformed. */
export async function scryptVerify(value: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) return false;
  const candidate = await derive(value, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash uses weaker parameters than today's default (rehash on next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return parsed === undefined || parsed.params.ln < DEFAULT.ln || parsed.params.r < DEFAULT.r;
}
