/** A loopback `http://localhost` listener standing in for an app's redirect URI. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Callback {
  url: string;
  /** The next request to the callback (query parameters, or the form_post body). */
  next(): Promise<URLSearchParams>;
  close(): Promise<void>;
}

export async function startCallbackListener(): Promise<Callback> {
  const waiting: Array<(params: URLSearchParams) => void> = [];
  const received: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== '/callback') {
        response.writeHead(404).end();
        return;
      }
      const params = request.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Signed in</title><p>Done</p>');
      const waiter = waiting.shift();
      if (waiter) waiter(params);
      else received.push(params);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/callback`,
    next: () => {
      const ready = received.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
