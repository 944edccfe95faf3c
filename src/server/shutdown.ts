/**
 * Graceful shutdown on SIGTERM / SIGINT: stop accepting connections, let in-flight requests
 * finish, close the database, exit 0. A second signal, or a stop that takes too long, exits 1.
 */

/** Options of {@link onShutdownSignal}. */
export interface ShutdownOptions {
  /** Give up and exit 1 after this long. Default 10 s. */
  timeoutMs?: number;
  /** Called when the stop failed or timed out, before exiting 1. */
  onError?(error: unknown): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits the process. Returns a function
 * that removes the handlers.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>, options: ShutdownOptions = {}): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      // The user insists (a second Ctrl-C): do not wait for stragglers.
      process.exit(1);
    }
    stopping = true;
    const timer = setTimeout(() => {
      options.onError?.(new Error(`shutdown did not finish within ${options.timeoutMs ?? 10_000} ms`));
      process.exit(1);
    }, options.timeoutMs ?? 10_000);
    timer.unref();
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        options.onError?.(error);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
