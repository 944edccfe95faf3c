/**
 * `--workers N` (design.md Performance): node:cluster. The primary has already migrated the
 * database, created the keys and applied the environment (once); it then forks N workers that
 * each build the app and listen on the same port, and it restarts a worker that dies.
 */
import cluster, { type Worker } from 'node:cluster';
import { configSchema, type TesseraConfig } from '../config/schema.js';
import { onShutdownSignal } from './shutdown.js';
import { createRuntime, listen } from './start.js';

const CONFIG_ENV = 'TESSERA_WORKER_CONFIG';
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_IN_WINDOW = 5;

type WorkerMessage = { type: 'tessera:listening'; port: number; url: string } | { type: 'tessera:failed'; message: string };

/** The running workers, as seen from the primary. */
export interface WorkerPool {
  url: string;
  port: number;
  /** SIGTERM every worker and wait until all have exited. */
  stop(): Promise<void>;
}

/** Callbacks of the primary. */
export interface WorkerPoolEvents {
  /** A worker died and was replaced. */
  onRestart?(info: { pid: number | undefined; code: number | null; signal: string | null }): void;
  /** Workers keep dying: the pool stopped them; the caller should exit 1. */
  onFatal?(error: Error): void;
}

/** True in a process forked by {@link startWorkers}. */
export function isTesseraWorker(): boolean {
  return cluster.isWorker && process.env[CONFIG_ENV] !== undefined;
}

/** Forks `count` workers serving `config`; resolves once every worker is listening. */
export async function startWorkers(config: TesseraConfig, count: number, events: WorkerPoolEvents = {}): Promise<WorkerPool> {
  const env = { [CONFIG_ENV]: JSON.stringify(config) };
  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork(env);
  const waitListening = (worker: Worker) =>
    new Promise<{ port: number; url: string }>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m?.type === 'tessera:listening') resolve(m);
        else if (m?.type === 'tessera:failed') reject(new Error(m.message));
      });
      worker.once('exit', (code) => reject(new Error(`worker ${worker.process.pid ?? '?'} exited with code ${code} before listening`)));
    });

  const workers = Array.from({ length: count }, fork);
  let first: { port: number; url: string };
  try {
    [first] = (await Promise.all(workers.map(waitListening))) as [{ port: number; url: string }];
  } catch (error) {
    stopping = true;
    await stopAll();
    throw error;
  }

  cluster.on('exit', (worker, code, signal) => {
    // Exit code 0 is a worker that stopped on a signal (e.g. Ctrl-C reaches the whole group).
    if (stopping || code === 0) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] ?? now) < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS_IN_WINDOW) {
      stopping = true;
      void stopAll().then(() => events.onFatal?.(new Error(`workers exited ${restarts.length} times within a minute; stopping`)));
      return;
    }
    events.onRestart?.({ pid: worker.process.pid, code, signal });
    fork();
  });

  async function stopAll(): Promise<void> {
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  }

  return {
    url: first.url,
    port: first.port,
    stop: async () => {
      stopping = true;
      await stopAll();
    },
  };
}

/** The worker side: build and listen with the primary's configuration; stop on signals. */
export async function runWorker(): Promise<void> {
  const send = (message: WorkerMessage) => process.send?.(message);
  try {
    const config = configSchema.parse(JSON.parse(process.env[CONFIG_ENV] ?? '{}'));
    // The primary already migrated, created keys and applied the environment.
    const runtime = await createRuntime(config, { prepare: false });
    const server = await listen(runtime);
    const stop = async () => {
      await server.app.close();
      await runtime.close();
    };
    onShutdownSignal(stop, { onError: (error) => server.app.log.error({ err: error }, 'worker shutdown failed') });
    // The primary is gone (killed hard): do not linger as an orphan.
    process.on('disconnect', () => void stop().finally(() => process.exit(0)));
    send({ type: 'tessera:listening', port: server.port, url: server.url });
  } catch (error) {
    send({ type: 'tessera:failed', message: (error as Error).message });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  }
}
