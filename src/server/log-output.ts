/**
 * Where log lines go and how they look. JSON lines are pino's own (the default when standard
 * output is not a terminal, or `--log-format json`); text mode turns each of pino's lines into
 * one readable line (`12:03:04.123 POST /contoso/oauth2/v2.0/token 401 3ms … AADSTS7000215 …`),
 * so no pretty-printer dependency is needed. `openLogSink` gives `startTessera` a file to log to.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TesseraConfig } from '../config/schema.js';
import { formatLogLine } from './log-text.js';

/** What pino writes to: one complete line per `write`. */
export interface LogStream {
  write(line: string): unknown;
  /** A terminal (`process.stdout` on a TTY): `logFormat: 'auto'` means text. */
  isTTY?: boolean;
}

/** Fastify's `logger` options for `config`, writing to `destination` (default: standard output). */
export function loggerOptions(config: Pick<TesseraConfig, 'logLevel' | 'logFormat'>, destination?: LogStream) {
  const out = destination ?? process.stdout;
  const text = config.logFormat === 'text' || (config.logFormat === 'auto' && out.isTTY === true);
  // JSON to standard output: pino's own fast destination (no stream given).
  const stream = text ? textStream(out) : destination;
  return {
    level: config.logLevel,
    // Never log credentials: tokens, secrets and assertions travel in these (request-log.ts
    // logs none of them; this guards a `{ req }` someone may log one day).
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body'],
    ...(stream ? { stream } : {}),
  };
}

function textStream(out: LogStream): LogStream {
  return { write: (line: string) => out.write(formatLogLine(line)) };
}

/** A log destination that can be closed: a file path is opened for appending (0600). */
export interface LogSink {
  stream: LogStream;
  close(): void;
}

/** `destination` as a sink: a stream is used as is (and not closed), a path is appended to synchronously. */
export function openLogSink(destination: string | LogStream): LogSink {
  if (typeof destination !== 'string') return { stream: destination, close: () => undefined };
  // Synchronous appends: every line is on disk when the request's promise settles, and a test
  // process that exits right after its last request loses nothing.
  let fd: number | null = openSync(destination, 'a', 0o600);
  return {
    stream: { write: (line: string) => (fd === null ? undefined : writeSync(fd, line)) },
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
