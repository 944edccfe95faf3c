/**
 * A cap on open connections per client address (issue 6 item 5): one address cannot hold the
 * server's sockets (slowloris from a single host). Counted on the raw TCP socket, before TLS, so
 * a refused connection costs no handshake. Per process: with `--workers N` each worker counts
 * the connections the cluster handed it.
 */
import type { Server } from 'node:net';

export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
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
