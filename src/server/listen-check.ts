/**
 * Can this process listen on host:port? Asked before start-up touches any file: the server
 * certificate is reissued for a specific `--host`, so a start that only failed at `listen`
 * would already have rewritten server.pem for an address it never served. The check binds
 * exactly as the server's listen does (Node resolves the host and binds its first address) and
 * closes again at once; the real listen follows within a second, and a port taken in between
 * fails there with the same message.
 */
import { createServer } from 'node:net';

/** The server cannot listen where it was told to; `message` says why and what to do. */
export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The ListenError of a failed `listen` on `host:port`, or `error` itself when it is no bind failure. */
export function listenErrorOf(error: unknown, host: string, port: number): unknown {
  if (error instanceof ListenError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const say = (text: string) => new ListenError(host, port, code, `Cannot listen on ${where}: ${text}`, { cause: error });
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return say(`'${host}' is neither an IP address nor a host name that resolves (${code}); give an address of this machine, localhost, or 0.0.0.0 for every interface`);
    case 'EADDRNOTAVAIL':
      return say(`${host} is not an address of this machine (EADDRNOTAVAIL); give one of its interfaces' addresses, localhost, or 0.0.0.0 for every interface`);
    case 'EADDRINUSE':
      return say(`the port is already in use (EADDRINUSE); stop the other server or choose another --port (0 picks a free one)`);
    case 'EACCES':
    case 'EPERM':
      return say(`permission denied (${code}); ports below 1024 need privileges: choose a port from 1024 up (default 8443), or grant the right (e.g. CAP_NET_BIND_SERVICE)`);
    case 'EAFNOSUPPORT':
      return say(`this machine has no network for that address family (${code})`);
    default:
      return error;
  }
}

/**
 * Binds `host:port` and releases it; throws the ListenError the server's own listen would hit.
 * @throws ListenError
 */
export async function checkCanListen(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => reject(listenErrorOf(error, host, port)));
    // exclusive: under node:cluster a worker's listen would otherwise go through the primary.
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}
