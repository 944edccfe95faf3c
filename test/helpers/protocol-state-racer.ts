/**
 * A second process racing the test on one database (protocol-state conformance): opens the
 * database given as argv[2], prints `ready`, waits for a line on stdin, then redeems every code
 * of argv[3..] at once and prints the statuses as one JSON line.
 *
 *   node --import tsx test/helpers/protocol-state-racer.ts <database url> <code handle>...
 */
import { createInterface } from 'node:readline';
import { createProtocolState } from '../../src/state/index.js';
import { openStorage } from '../../src/storage/index.js';

const [url, ...handles] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: protocol-state-racer <database url> <handle>...');
const storage = await openStorage(url, { skipMigrations: true });
try {
  const state = createProtocolState(storage);
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  const results = await Promise.all(handles.map((handle) => state.codes.consume(handle)));
  process.stdout.write(`${JSON.stringify(results.map((r) => r.status))}\n`);
} finally {
  await storage.close();
}
