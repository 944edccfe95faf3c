/**
 * Slow clients are cut off (issue 6 item 5): headers must arrive within `headersTimeoutMs`
 * (TLS handshake included), the whole request within `requestTimeoutMs`, an idle kept-alive
 * connection closes after `keepAliveTimeoutMs`, and one address holds at most
 * `maxConnectionsPerAddress` sockets, while the token endpoint keeps answering. The server's own
 * timeouts are asserted with generous margins (shared brief: no timed performance assertions).
 */
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { bootTessera, postForm } from '../helpers/tessera.js';
import { createCertificates, DAEMON, DAEMON_SECRET, environment, TENANT_A } from '../protocol/client-credentials/client-credentials.config.js';
import { closedWithin, openTls } from './wire.js';

const HEADERS_MS = 1000;
const REQUEST_MS = 2000;
const KEEP_ALIVE_MS = 1000;
const CAP = 30;
// Node checks deadlines periodically; a connection may outlive its deadline by that interval.
const MARGIN_MS = 2500;
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({
    environment: environment(await createCertificates()),
    config: { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, keepAliveTimeoutMs: KEEP_ALIVE_MS, maxConnectionsPerAddress: CAP },
  });
});
after(() => tessera.close());

const tokenRequest = () =>
  postForm(`${tessera.url}/${TENANT_A}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: DAEMON, client_secret: DAEMON_SECRET, scope: 'https://graph.microsoft.com/.default' });

/** Writes `text` one byte every `everyMs` until the socket closes. */
function dribble(socket: { write(s: string): boolean; destroyed: boolean }, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++] as string);
  }, everyMs);
}

describe('slow clients', () => {
  it('closes slowloris connections (headers a byte at a time) after the headers timeout, while /token answers', async () => {
    const start = Date.now();
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openTls(tessera.port)));
    const closes = sockets.map((socket) => {
      dribble(socket, `GET /${TENANT_A}/v2.0/.well-known/openid-configuration HTTP/1.1\r\nHost: localhost:${tessera.port}\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, 200);
      return closedWithin(socket, HEADERS_MS + MARGIN_MS * 2, start);
    });
    const during = await tokenRequest();
    assert.equal(during.status, 200, 'the token endpoint answers while the slow connections are open');
    const elapsed = await Promise.all(closes);
    for (const ms of elapsed) assert.ok(ms !== null && ms < HEADERS_MS + MARGIN_MS, `closed after ${ms} ms`);
    assert.equal((await tokenRequest()).status, 200);
  });

  it('closes a connection whose body comes a byte at a time after the request timeout', async () => {
    const start = Date.now();
    const socket = await openTls(tessera.port);
    socket.write(`POST /${TENANT_A}/oauth2/v2.0/token HTTP/1.1\r\nHost: localhost:${tessera.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n`);
    dribble(socket, 'grant_type=client_credentials&'.padEnd(500, 'x'), 200);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = closedWithin(socket, REQUEST_MS + MARGIN_MS * 2, start);
    assert.equal((await tokenRequest()).status, 200);
    const ms = await closed;
    // Node's 408, in Entra's JSON rather than Fastify's.
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /"error":"invalid_request".*AADSTS9002313/);
    assert.ok(ms !== null && ms < REQUEST_MS + MARGIN_MS, `closed after ${ms} ms`);
    assert.ok(ms >= HEADERS_MS - 100, `not before the headers were due (${ms} ms)`);
  });

  it('closes a TCP connection that never says hello and a TLS one that never sends a request after the headers timeout', async () => {
    const start = Date.now();
    const tls = await openTls(tessera.port);
    const tcp = await new Promise<Socket>((resolve, reject) => {
      const socket = tcpConnect(tessera.port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
    const [tlsMs, tcpMs] = await Promise.all([closedWithin(tls, HEADERS_MS + MARGIN_MS * 2, start), closedWithin(tcp as never, HEADERS_MS + MARGIN_MS * 2, start)]);
    assert.ok(tlsMs !== null && tlsMs < HEADERS_MS + MARGIN_MS, `TLS idle closed after ${tlsMs} ms`);
    assert.ok(tcpMs !== null && tcpMs < HEADERS_MS + MARGIN_MS, `handshake-less TCP closed after ${tcpMs} ms`);
  });

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const socket = await openTls(tessera.port);
    socket.write(`GET /${TENANT_A}/discovery/v2.0/keys HTTP/1.1\r\nHost: localhost:${tessera.port}\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    const ms = await closedWithin(socket, KEEP_ALIVE_MS + MARGIN_MS * 2);
    assert.ok(ms !== null && ms < KEEP_ALIVE_MS + MARGIN_MS, `closed after ${ms} ms`);
  });
});

describe('connections per address', () => {
  it(`closes connections beyond ${CAP} from one address at once, and accepts new ones when they close`, async () => {
    const sockets = await Promise.all(
      Array.from({ length: CAP + 5 }, () => new Promise<Socket>((resolve) => {
        const socket = tcpConnect(tessera.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => undefined);
      })),
    );
    const closed = await Promise.all(sockets.map((s) => closedWithin(s as never, 500)));
    const refused = closed.filter((ms) => ms !== null).length;
    assert.equal(refused, 5, `${refused} of ${CAP + 5} closed within 500 ms`);
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await tokenRequest()).status, 200);
  });
});
