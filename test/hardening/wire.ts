/**
 * Requests fetch cannot make: a forged `Host` header, a raw TLS socket that sends a request a
 * byte at a time or announces a body it never sends. node:https and node:tls trust the test CA
 * through NODE_EXTRA_CA_CERTS (scripts/test.ts), as any client of a real deployment would.
 */
import { request } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): Record<string, unknown>;
}

/** One HTTPS request to 127.0.0.1:`port` with exactly these headers (Host included). */
export function httpsRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; localAddress?: string }): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const { method = 'GET', path, headers, localAddress } = options;
    // `localAddress`: any 127.x.y.z is a loopback source address on Linux, i.e. another client.
    const req = request({ host: '127.0.0.1', servername: 'localhost', port, method, path, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A TLS connection to the server, open and verified. */
export function openTls(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the ms elapsed when `socket` closes (the server closed it), or null after `ms`. */
export function closedWithin(socket: TLSSocket, ms: number, since = Date.now()): Promise<number | null> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(Date.now() - since);
    const timer = setTimeout(() => resolve(null), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - since);
    });
    // A closed peer may surface as an error (ECONNRESET) first; the close follows.
    socket.on('error', () => undefined);
  });
}

/** Everything the server writes on `socket` until it closes or `ms` pass. */
export function readUntilClose(socket: TLSSocket, ms: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve(text), ms);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}
