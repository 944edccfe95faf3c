/**
 * Protocol state under contention: a code is redeemed exactly once when callers race, from one
 * pool, from several pools (workers, nodes) and from other processes; a public client's token
 * rotated twice at once is a reuse; concurrent failures are all counted.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { newGuid } from '../../../src/lib/ids.js';
import { createProtocolState, newFamilyId, newHandle, type ProtocolState } from '../../../src/state/index.js';
import { label, needsDatabaseUrl, needsSharedDatabase, type Suite } from './suite.js';
import { newCode } from './protocol-state-tokens.js';

const RACER = new URL('../../helpers/protocol-state-racer.ts', import.meta.url).pathname;

interface Racer {
  ready: Promise<void>;
  go(): void;
  result: Promise<string[]>;
}

/** Starts the racer script in another process on `url`, ready to redeem `handles`. */
function spawnRacer(url: string, handles: string[]): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', RACER, url, ...handles], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const received: string[] = [];
  const waiters = new Set<() => void>();
  lines.on('line', (line) => {
    received.push(line);
    for (const waiter of waiters) waiter();
  });
  const nth = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (received.length > n) resolve(received[n]!);
      };
      waiters.add(check);
      check();
      child.once('exit', (code) => (received.length > n ? resolve(received[n]!) : reject(new Error(`racer exited ${code}: ${stderr}`))));
    });
  return {
    ready: nth(0).then((line) => assert.equal(line, 'ready')),
    go: () => child.stdin.end('go\n'),
    result: nth(1).then((line) => JSON.parse(line) as string[]),
  };
}

async function putCodes(state: ProtocolState, count: number): Promise<string[]> {
  const handles = Array.from({ length: count }, () => newHandle('ac'));
  for (const handle of handles) await state.codes.put(handle, newCode());
  return handles;
}

/** Per code, how many callers got `ok`. */
function winners(outcomes: string[][], count: number): number[] {
  return Array.from({ length: count }, (_, i) => outcomes.filter((o) => o[i] === 'ok').length);
}

export function protocolStateRaceCases(suite: Suite): void {
  describe('protocol state: races', () => {
    it('redeems a code once when many callers of one pool race', async () => {
      const state = createProtocolState(suite.storage);
      const [handle] = await putCodes(state, 1);
      const results = await Promise.all(Array.from({ length: 12 }, () => state.codes.consume(handle!)));
      assert.equal(results.filter((r) => r.status === 'ok').length, 1);
      assert.equal(results.filter((r) => r.status === 'replayed').length, 11);
    });

    it('redeems each code once when separate pools race (workers, nodes)', { skip: needsSharedDatabase(suite) }, async () => {
      const pools = [suite.storage, await suite.open(), await suite.open(), await suite.open()];
      const states = pools.map((storage) => createProtocolState(storage));
      const handles = await putCodes(states[0]!, 10);
      // Every pool redeems every code at once, each starting at another code.
      const byHandle = await Promise.all(
        states.map(async (state, p) => {
          const order = handles.map((_, i) => (i + p * 3) % handles.length);
          const results = await Promise.all(order.map((i) => state.codes.consume(handles[i]!)));
          const statuses: string[] = [];
          order.forEach((i, k) => (statuses[i] = results[k]!.status));
          return statuses;
        }),
      );
      assert.deepEqual(winners(byHandle, handles.length), handles.map(() => 1));
      assert.ok(byHandle.flat().every((s) => s === 'ok' || s === 'replayed'));
    });

    it('redeems each code once when other processes race this one', { skip: needsDatabaseUrl(suite), timeout: 60_000 }, async () => {
      const state = createProtocolState(suite.storage);
      const handles = await putCodes(state, 15);
      const racers = [spawnRacer(suite.url!, handles), spawnRacer(suite.url!, [...handles].reverse())];
      await Promise.all(racers.map((r) => r.ready));
      for (const racer of racers) racer.go();
      const mine = await Promise.all(handles.map((h) => state.codes.consume(h)));
      const [theirs, reversed] = await Promise.all(racers.map((r) => r.result));
      const outcomes = [mine.map((r) => r.status), theirs!, [...reversed!].reverse()];
      assert.deepEqual(winners(outcomes, handles.length), handles.map(() => 1));
      assert.ok(outcomes.flat().every((s) => s === 'ok' || s === 'replayed'), JSON.stringify(outcomes));
    });

    it('treats two racing rotations of a public client token as a reuse and revokes the family', { skip: needsSharedDatabase(suite) }, async () => {
      const states = [createProtocolState(suite.storage), createProtocolState(await suite.open()), createProtocolState(await suite.open())];
      const grant = { familyId: newFamilyId(), tenantId: newGuid(), userId: newGuid(), clientId: newGuid(), reuseDetection: true };
      const token = newHandle('rt');
      await states[0]!.refreshTokens.issue(token, grant);
      const results = await Promise.all(states.flatMap((s) => [s, s]).map((s) => s.refreshTokens.rotate(token, newHandle('rt'), { clientId: grant.clientId })));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 'ok').length, 1, JSON.stringify(statuses));
      assert.ok(statuses.includes('reused'), JSON.stringify(statuses));
      assert.ok(statuses.every((s) => s === 'ok' || s === 'reused' || s === 'revoked'), JSON.stringify(statuses));
      const winner = results.find((r) => r.status === 'ok');
      assert.ok(winner?.status === 'ok');
      assert.equal((await states[0]!.refreshTokens.find(token))?.family.revokedReason, 'tokenReuse');
    });

    it('counts every one of many concurrent failures', { skip: needsSharedDatabase(suite) }, async () => {
      const states = [createProtocolState(suite.storage), createProtocolState(await suite.open()), createProtocolState(await suite.open())];
      const key = label('race:');
      await Promise.all(states.flatMap((s) => Array.from({ length: 8 }, () => s.counters.hit(key, { windowMs: 60_000 }))));
      assert.equal((await states[0]!.counters.get(key))?.count, 24);
    });
  });
}
