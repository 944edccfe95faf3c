/**
 * Draining (issue 6 item 8): once the server starts closing, a request that still arrives on an
 * open connection is refused with 503 in its surface's shape and Retry-After, not Fastify's own
 * body: Entra's token-error JSON on protocol paths, Graph's OData error on /v1.0 and /beta.
 * `/health` still answers 200 (the process is alive) and `/ready` says 503.
 *
 * Each request's headers are sent in two parts: the first before close (the connection is busy,
 * so the server keeps it open while draining), the rest once new connections are refused.
 */
import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import { describe, it } from 'node:test';
import { bootTessera } from '../helpers/tessera.js';

interface Raw {
  status: number;
  headers: Map<string, string>;
  body: string;
}

function open(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection, as one HTTP/1.1 response. */
function readAll(socket: TLSSocket): Promise<Raw> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as const));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

async function refusesNewConnections(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const refused = await open(port).then(
      (socket) => (socket.destroy(), false),
      () => true,
    );
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('the server kept accepting connections after close()');
}

/** A JSON body, tolerating chunked transfer encoding (one chunk). */
function json(raw: Raw): Record<string, unknown> {
  const body = raw.headers.get('transfer-encoding') === 'chunked' ? raw.body.split('\r\n')[1] ?? '' : raw.body;
  return JSON.parse(body) as Record<string, unknown>;
}

describe('draining', () => {
  it('answers requests that arrive while closing with 503 in each surface shape, with Retry-After', async () => {
    const tessera = await bootTessera();
    const port = tessera.port;
    const form = 'grant_type=client_credentials';
    const requests = {
      token: [
        `POST /common/oauth2/v2.0/token HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n`,
        `Content-Length: ${form.length}\r\n\r\n${form}`,
      ],
      graph: [`GET /v1.0/users HTTP/1.1\r\nHost: localhost:${port}\r\n`, 'client-request-id: drain-test\r\n\r\n'],
      beta: [`GET /beta/me HTTP/1.1\r\nHost: localhost:${port}\r\n`, '\r\n'],
      health: [`GET /health HTTP/1.1\r\nHost: localhost:${port}\r\n`, '\r\n'],
      ready: [`GET /ready HTTP/1.1\r\nHost: localhost:${port}\r\n`, '\r\n'],
    };
    const sockets = new Map<string, TLSSocket>();
    for (const [name, [start]] of Object.entries(requests)) {
      const socket = await open(tessera.port);
      socket.write(start ?? '');
      sockets.set(name, socket);
    }
    const answers = new Map([...sockets].map(([name, socket]) => [name, readAll(socket)] as const));
    const closed = tessera.close();
    await refusesNewConnections(tessera.port);
    for (const [name, [, rest]] of Object.entries(requests)) sockets.get(name)?.write(rest ?? '');

    const token = await answers.get('token')!;
    assert.equal(token.status, 503);
    assert.equal(token.headers.get('retry-after'), '1');
    assert.match(token.headers.get('content-type') ?? '', /^application\/json/);
    const tokenBody = json(token);
    assert.equal(tokenBody.error, 'temporarily_unavailable');
    assert.deepEqual(tokenBody.error_codes, [90006]);
    assert.match(String(tokenBody.error_description), /^AADSTS90006: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /);

    for (const name of ['graph', 'beta']) {
      const graph = await answers.get(name)!;
      assert.equal(graph.status, 503, name);
      assert.equal(graph.headers.get('retry-after'), '1');
      const error = json(graph).error as { code: string; innerError: Record<string, string> };
      assert.equal(error.code, 'serviceNotAvailable');
      assert.equal(typeof error.innerError['request-id'], 'string');
      if (name === 'graph') assert.equal(error.innerError['client-request-id'], 'drain-test');
    }

    const health = await answers.get('health')!;
    assert.equal(health.status, 200);
    assert.deepEqual(json(health), { status: 'ok' });
    const ready = await answers.get('ready')!;
    assert.equal(ready.status, 503);
    assert.equal(ready.headers.get('retry-after'), '1');
    assert.deepEqual(json(ready), { status: 'draining' });
    await closed;
  });
});
