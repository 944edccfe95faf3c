/**
 * Guards on connections, below HTTP (issue 6 item 5):
 * - at most `maxPerAddress` open connections per client address, counted on the raw TCP socket
 *   before TLS, so one host cannot hold the server's sockets and a refused one costs no
 *   handshake;
 * - a first request within `firstRequestMs`: Node's `headersTimeout` only starts with a
 *   request's first byte, and a silent connection after the handshake would otherwise stay open
 *   until the client leaves.
 * Per process: with `--workers N` each worker counts the connections the cluster handed it.
 */
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'node:net';

export interface ConnectionGuardOptions {
  maxPerAddress: number;
  firstRequestMs: number;
  /** TLS server: the HTTP connection starts at 'secureConnection', not 'connection'. */
  tls: boolean;
}

export function guardConnections(server: Server, options: ConnectionGuardOptions): void {
  if (options.maxPerAddress > 0) capPerAddress(server, options.maxPerAddress);
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), options.firstRequestMs);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (request: IncomingMessage) => {
    const timer = waiting.get(request.socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    waiting.delete(request.socket);
  });
}

function capPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
