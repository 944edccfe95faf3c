/**
 * The physical limit of the token endpoint: RS256 signatures per second with node:crypto's
 * callback form (libuv thread pool, every core), measured in the same run as the server
 * (design.md Performance). Runs in its own process so nothing else competes for the pool.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

const durationMs = Number(process.argv[2] ?? 5000);
const concurrency = Number(process.argv[3] ?? 64);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// A payload the size of an app-only access token's signing input.
const data = Buffer.from('e'.repeat(900));

let count = 0;
const end = Date.now() + durationMs;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      await new Promise<void>((resolve, reject) => sign('sha256', data, privateKey, (error) => (error ? reject(error) : resolve())));
      count++;
    }
  }),
);
process.stdout.write(JSON.stringify({ signsPerSecond: Math.round((count * 1000) / durationMs) }) + '\n');
